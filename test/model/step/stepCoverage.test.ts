import { describe, expect, it } from 'vitest';
import { siteChecks } from '../../../src/cli/siteChecks.js';
import { COVERAGE, startStepCoverage, stepsOf, takeStepCoverage } from '../../../model/mm/step/stepCoverage.js';
import type { MmState } from '../../../model/mm/MmState.js';
import type { MmAction } from '../../../model/MmModel.js';
import type { Model } from '../../../src/engine/Model.js';
import { reachedStates } from '../../util/reachedStates.js';

/** A site scenario whose threads chain local steps (migrate_vma's walk) beside a KVM fault. */
const NAME = 'migrate-vma-hole-vs-kvm-read';

function explored() {
  const c = siteChecks({ profile: 'seed', scenario: NAME })[0]!;
  const built = c.build();
  const model = built.model as Model<MmState, MmAction>;
  startStepCoverage();
  const states = reachedStates(model);
  const steps = takeStepCoverage(c.registry);
  return { c, model, states, steps };
}

const key = (prog: string, label: string) => `${prog}:${label}`;

describe('step coverage (model/mm/step/stepCoverage.ts)', () => {
  it('notes every step a thread of a reached state can take, and chained local steps no thread ever stands at', () => {
    const { model, states, steps } = explored();
    const run = new Set(steps.filter((s) => s.run).map((s) => key(s.prog, s.label)));
    const stoodAt = new Set<string>();
    const acts: MmAction[] = [];
    for (const s of states) {
      acts.length = 0;
      model.actions(s, acts);
      for (const a of acts) {
        const frames = s.threads[a.thread]!.frames;
        const top = frames[frames.length - 1]!;
        stoodAt.add(key(top.prog, top.pc));
      }
    }
    expect(stoodAt.size).toBeGreaterThan(10);
    for (const k of stoodAt) expect(run.has(k), k).toBe(true);
    // steps run inside a transition (chained local steps, a callee's first steps run by the caller's transition)
    const inside = [...run].filter((k) => !stoodAt.has(k));
    expect(inside.length).toBeGreaterThan(0);
  });

  it('lists every step of the registry in stepsOf order; programs the scenario never calls did not run', () => {
    const { c, steps } = explored();
    expect(steps.map((s) => key(s.prog, s.label))).toEqual(stepsOf(c.registry).map((s) => key(s.prog, s.label)));
    // no thread of this scenario exits, reclaims or forks
    for (const prog of ['exit_mmap', 'shrink_page_list', 'fork_hugetlb']) {
      const of = steps.filter((s) => s.prog === prog);
      expect(of.length, prog).toBeGreaterThan(0);
      expect(of.every((s) => !s.run)).toBe(true);
    }
  });

  it('is off after takeStepCoverage: a later exploration notes nothing', () => {
    const { model } = explored();
    expect(COVERAGE.run).toBeUndefined();
    reachedStates(model);
    expect(COVERAGE.run).toBeUndefined();
  });
});
