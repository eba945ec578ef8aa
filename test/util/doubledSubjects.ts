/**
 * Symmetric subjects for the symmetry reduction's proofs (issue 11): every
 * built-in subject (site scenarios under both event profiles, the example
 * scenarios, the mutants' baselines and every mutant) with its last thread
 * doubled: one more thread running the same program with the same
 * arguments, so that `--symmetry` has two interchangeable threads to
 * permute. No built-in subject has two (see canonicalState.test.ts).
 */
import { readdirSync } from 'node:fs';
import type { Built } from '../../src/cli/ScenarioEntry.js';
import { buildMmCheck } from '../../src/cli/buildMmCheck.js';
import { loadScenarioFile } from '../../model/scenario/loadScenarioFile.js';
import { resolveScenario } from '../../model/scenario/resolveScenario.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { CATALOG } from '../../model/sites/catalog.js';
import { SITE_SCENARIOS } from '../../model/sites/scenarios/index.js';
import { buildMmModel } from '../../model/MmModel.js';
import { MM_MUTANTS } from '../../properties/mutants/mmMutants.js';
import { applyMutant, baselineGuards, baselineScenario } from '../../properties/mutants/MmMutant.js';
import { mmProperties } from '../../properties/mmProperties.js';
import { EXAMPLES_DIR } from './pinnedCounts.js';

export interface DoubledSubject {
  readonly name: string;
  build(): Pick<Built, 'model' | 'properties'>;
}

/** `sc` with a copy of its last thread (named `<name>2`) appended. */
export function doubled(sc: Scenario): Scenario {
  const last = sc.threads[sc.threads.length - 1]!;
  return { ...sc, threads: [...sc.threads, { ...last, name: `${last.name}2` }] };
}

export async function doubledSubjects(): Promise<DoubledSubject[]> {
  const out: DoubledSubject[] = [];
  for (const profile of ['seed', 'v5.2'] as const) {
    for (const x of SITE_SCENARIOS) {
      out.push({
        name: `site/${profile}/${x.scenario.name}`,
        build: () => buildMmCheck(resolveScenario(doubled(x.scenario), CATALOG, { profile, overrides: [] })),
      });
    }
  }
  for (const f of readdirSync(EXAMPLES_DIR)
    .filter((x) => /\.(json|ts)$/.test(x))
    .sort()) {
    const loaded = await loadScenarioFile(`${EXAMPLES_DIR}/${f}`);
    out.push({
      name: `example/${f}`,
      build: () =>
        buildMmCheck(
          resolveScenario(doubled(loaded.scenario), CATALOG, { profile: 'seed', overrides: [], ...(loaded.programs ? { programs: loaded.programs } : {}) }),
        ),
    });
  }
  for (const key of [...new Set(MM_MUTANTS.map((m) => m.baseline))].sort()) {
    out.push({
      name: `baseline/${key}`,
      build: () => {
        const sc = doubled(baselineScenario(key));
        return { model: buildMmModel(sc), properties: mmProperties(sc, baselineGuards(key)) };
      },
    });
  }
  for (const m of MM_MUTANTS) {
    out.push({
      name: `mutant/${m.id}`,
      build: () => {
        const { scenario, registry } = applyMutant(m, doubled(baselineScenario(m.baseline)));
        return { model: buildMmModel(scenario, { registry }), properties: mmProperties(scenario, baselineGuards(m.baseline)) };
      },
    });
  }
  return out;
}
