/**
 * The pinned counts of issue 10: for every built-in site scenario under both
 * event profiles, every example scenario and every mutant, the verdict, the
 * distinct-state and transition counts and the shortest counterexample
 * length. A rewrite of the model core (typed programs, a packed backend)
 * must keep every one of them (test/model/pinnedCounts.test.ts); a change
 * that means to change them regenerates the file with `npm run -s pin` and
 * says why in its commit.
 */
import { readdirSync } from 'node:fs';
import { siteChecks } from '../../src/cli/siteChecks.js';
import { bfs, type BfsOptions } from '../../src/engine/bfs.js';
import type { ExploreResult } from '../../src/engine/ExploreResult.js';
import { loadScenarioFile } from '../../model/scenario/loadScenarioFile.js';
import { resolveScenario } from '../../model/scenario/resolveScenario.js';
import { CATALOG } from '../../model/sites/catalog.js';
import { buildMmCheck } from '../../src/cli/buildMmCheck.js';
import { MM_MUTANTS, mmMutantSuite } from '../../properties/mutants/mmMutants.js';

export interface Pin {
  readonly status: string;
  readonly states: number;
  readonly transitions: number;
  /** property:length of each violation found, in order. */
  readonly violations: readonly string[];
}

export const EXAMPLES_DIR = 'model/scenario/examples';

export function pinOf(r: ExploreResult): Pin {
  return {
    status: r.status,
    states: r.stats.distinctStates,
    transitions: r.stats.transitions,
    violations: r.violations.map((v) => `${v.property}:${v.trace.path.length}`),
  };
}

/** Every pinned subject's name, and how to explore it (`opts`: e.g. the partial-order reduction, test/model/por/). */
export async function pinSubjects(opts: BfsOptions = {}): Promise<{ name: string; run: () => Pin }[]> {
  const out: { name: string; run: () => Pin }[] = [];
  for (const profile of ['seed', 'v5.2'] as const) {
    for (const c of siteChecks({ profile })) {
      out.push({
        name: `site/${profile}/${c.scenario.name}`,
        run: () => {
          const b = c.build();
          return pinOf(bfs(b.model, b.properties, opts));
        },
      });
    }
  }
  for (const f of readdirSync(EXAMPLES_DIR)
    .filter((x) => /\.(json|ts)$/.test(x))
    .sort()) {
    const loaded = await loadScenarioFile(`${EXAMPLES_DIR}/${f}`);
    out.push({
      name: `example/${f}`,
      run: () => {
        const r = resolveScenario(loaded.scenario, CATALOG, { profile: 'seed', overrides: [], ...(loaded.programs ? { programs: loaded.programs } : {}) });
        const b = buildMmCheck(r);
        return pinOf(bfs(b.model, b.properties, { ...opts, maxStates: 200_000 }));
      },
    });
  }
  const suite = mmMutantSuite(MM_MUTANTS);
  for (const key of [...new Set(MM_MUTANTS.map((m) => m.baseline))].sort()) {
    out.push({
      name: `baseline/${key}`,
      run: () => {
        const b = suite.baseline(key);
        return pinOf(bfs(b.model, b.properties, { ...opts, maxStates: 200_000 }));
      },
    });
  }
  for (const m of suite.mutants) {
    out.push({
      name: `mutant/${m.id}`,
      run: () => {
        const b = m.subject();
        return pinOf(bfs(b.model, b.properties, { ...opts, maxStates: 200_000 }));
      },
    });
  }
  return out;
}
