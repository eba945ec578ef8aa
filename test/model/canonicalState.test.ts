import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { bfs } from '../../src/engine/bfs.js';
import { replay } from '../../src/engine/replay.js';
import { PropertyChecker } from '../../src/engine/PropertyChecker.js';
import type { ExploreResult } from '../../src/engine/ExploreResult.js';
import { readableTrace } from '../../src/report/TraceStep.js';
import { siteChecks } from '../../src/cli/siteChecks.js';
import { buildMmCheck } from '../../src/cli/buildMmCheck.js';
import { loadScenarioFile } from '../../model/scenario/loadScenarioFile.js';
import { resolveScenario } from '../../model/scenario/resolveScenario.js';
import { CATALOG } from '../../model/sites/catalog.js';
import type { MmModel, MmAction } from '../../model/MmModel.js';
import type { MmState } from '../../model/mm/MmState.js';
import { mmStateKey } from '../../model/mm/stateKey.js';
import { canonicalState, renameThreads, threadClasses } from '../../model/mm/canonicalState.js';
import { MM_MUTANTS, mmMutantSuite } from '../../properties/mutants/mmMutants.js';
import { EXAMPLES_DIR } from '../util/pinnedCounts.js';
import { doubledSubjects, type DoubledSubject } from '../util/doubledSubjects.js';

const keyOf = (s: MmState): string => Array.from(mmStateKey(s)).join(',');

/** Every reachable state (up to `limit`) of the model without reduction. */
function reachable(model: MmModel, limit: number): MmState[] {
  const init = model.initialStates()[0]!;
  const seen = new Set([keyOf(init)]);
  const out = [init];
  const acts: MmAction[] = [];
  for (let i = 0; i < out.length && out.length < limit; i++) {
    acts.length = 0;
    model.actions(out[i]!, acts);
    for (const a of acts) {
      const n = model.nextState(out[i]!, a);
      const k = keyOf(n);
      if (!seen.has(k)) {
        seen.add(k);
        out.push(n);
      }
    }
  }
  return out;
}

/** The representatives of the successors of `s`, as a sorted list of keys. */
function repSuccessors(model: MmModel, s: MmState): string[] {
  const acts: MmAction[] = [];
  model.actions(s, acts);
  return [...new Set(acts.map((a) => keyOf(model.representative!(model.nextState(s, a)))))].sort();
}

const verdict = (r: ExploreResult) => ({ status: r.status, properties: r.violations.map((v) => `${v.kind}:${v.property}`).sort() });

const subjects = await doubledSubjects();
const subject = (name: string): DoubledSubject => subjects.find((x) => x.name === name)!;

describe('the canonical form of mm states (--symmetry)', () => {
  it('no built-in subject but S5 and its control has two interchangeable threads: --symmetry there is the run without it, and says so', async () => {
    const models: [string, MmModel][] = [];
    for (const profile of ['seed', 'v5.2'] as const)
      for (const c of siteChecks({ profile })) models.push([`site/${profile}/${c.scenario.name}`, c.build().model as MmModel]);
    for (const f of readdirSync(EXAMPLES_DIR).filter((x) => /\.(json|ts)$/.test(x))) {
      const loaded = await loadScenarioFile(`${EXAMPLES_DIR}/${f}`);
      const r = resolveScenario(loaded.scenario, CATALOG, { profile: 'seed', overrides: [], ...(loaded.programs ? { programs: loaded.programs } : {}) });
      models.push([`example/${f}`, buildMmCheck(r).model as MmModel]);
    }
    const suite = mmMutantSuite(MM_MUTANTS);
    for (const key of new Set(MM_MUTANTS.map((m) => m.baseline))) models.push([`baseline/${key}`, suite.baseline(key).model as MmModel]);
    for (const m of suite.mutants) models.push([`mutant/${m.id}`, m.subject().model as MmModel]);
    expect(models.length).toBeGreaterThan(500);
    const symmetric = models.filter(([, m]) => m.representative !== undefined).map(([n]) => n);
    // but S5's (FINDINGS.md), whose two device threads are the finding: its symmetric pair is the doubled baseline's;
    // and S5's control, the same threads with a full mmu_gather batch
    const S5 = [
      'site/seed/dontneed-vs-two-sva-faults',
      'site/seed/dontneed-batch-full-vs-two-sva-faults',
      'site/v5.2/dontneed-vs-two-sva-faults',
      'site/v5.2/dontneed-batch-full-vs-two-sva-faults',
    ];
    expect(symmetric).toEqual(S5);
    for (const [n, m] of models) expect(m.symmetryNote).toMatch(S5.includes(n) ? /^threads dev=dev2$/ : /^no two threads run the same program/);
  });

  it('identical threads are those with the same program, arguments, sites and signal', () => {
    const m = subject('site/seed/madv-free-vs-hmm52-write').build().model as MmModel;
    const cfg = m.initialStates()[0]!.cfg;
    expect(threadClasses(cfg)).toEqual([[1, 2]]);
    expect(m.symmetryNote).toBe(`threads ${cfg.threads[1]!.name}=${cfg.threads[2]!.name}`);
  });

  // The permutation preserves the transition relation: from a state and from its representative,
  // the successors have the same representatives (a bisimulation); the representative is one per
  // class (a state with two threads swapped has the same) and a fixed point.
  it.each([
    'site/seed/madv-free-vs-hmm52-write', // HMM ranges name their owner thread
    'site/seed/madv-free-vs-hmm50-write',
    'site/seed/mprotect-vs-aware-write',
    'site/seed/oom-reap-nonblock-fail-vs-kvm-read',
    'site/v5.2/madv-free-vs-sva-write',
    'site/seed/mremap-vs-aware-read',
  ])('%s doubled: rep commutes with every step', (name) => {
    const model = subject(name).build().model as MmModel;
    const states = reachable(model, 4000);
    const classes = threadClasses(states[0]!.cfg);
    let moved = 0;
    for (const s of states) {
      const r = model.representative!(s);
      expect(keyOf(canonicalState(r, classes))).toBe(keyOf(r));
      const [i, j] = classes[0]!;
      const to = s.threads.map((_, k) => (k === i ? j! : k === j ? i! : k));
      expect(keyOf(model.representative!(renameThreads(s, to)))).toBe(keyOf(r));
      if (r === s) continue;
      moved++;
      expect(repSuccessors(model, r)).toEqual(repSuccessors(model, s));
    }
    expect(moved).toBeGreaterThan(0);
  });

  it.each([
    'site/seed/munmap-two-vmas-vs-aware-read',
    'site/seed/mprotect-vs-aware-write',
    'site/seed/mprotect-at-zero-vs-kvm-read',
    'site/seed/oom-reap-nonblock-fail-vs-kvm-read',
    'site/seed/madv-free-vs-hmm50-write',
    'site/v5.2/madv-free-vs-sva-write',
    'mutant/zap-missing-end',
    'baseline/dontneed-vs-sva-fault',
  ])('%s doubled: the same verdict, violated properties and reachability guards, with fewer states', (name) => {
    const b = subject(name).build();
    const plain = bfs(b.model, b.properties, { allViolations: true });
    const sym = bfs(b.model, b.properties, { allViolations: true, symmetry: true });
    expect(verdict(sym)).toEqual(verdict(plain));
    expect(sym.stats.distinctStates).toBeLessThan(plain.stats.distinctStates);
    // the first violation: the same property and a trace as short (both breadth-first)
    const first = (r: ExploreResult) => r.violations.filter((v) => v.kind !== 'unreachable').map((v) => v.trace.path.length);
    expect(first(sym)).toEqual(first(plain));
  });

  it('a counterexample found under symmetry is concrete: it replays from the real initial state with the real thread names', () => {
    let usedCopy = false;
    for (const name of [
      'site/seed/munmap-two-vmas-vs-aware-read',
      'site/seed/mprotect-at-zero-vs-kvm-read',
      'site/seed/oom-reap-nonblock-fail-vs-kvm-read',
      'site/seed/madv-free-vs-hmm50-write',
      'baseline/dontneed-vs-sva-fault',
    ]) {
      const b = subject(name).build();
      const model = b.model as MmModel;
      const r = bfs(model, b.properties, { symmetry: true });
      const v = r.violations[0]!;
      expect(v, name).toBeDefined();
      // plain replay (no representative): every action enabled, and the final state violates the property
      const rep = replay(model, v.trace);
      const checker = new PropertyChecker(b.properties.filter((p) => p.name === v.property));
      const failsAtEnd =
        v.kind === 'invariant'
          ? checker.checkState(rep.final)
          : v.kind === 'step'
            ? checker.checkStep(rep.states.at(-2)!, rep.actions.at(-1)!, rep.final)
            : { property: v.property };
      expect(failsAtEnd?.property, name).toBe(v.property);
      const names = model.scenario.threads.map((t) => t.name);
      const steps = readableTrace(model, v.trace).steps;
      for (const st of steps) expect(names).toContain(st.thread);
      const copy = names.at(-1)!;
      if (steps.some((st) => st.thread === copy)) usedCopy = true;
    }
    expect(usedCopy).toBe(true);
  });
});
