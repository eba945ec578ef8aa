/**
 * The mover-step group (properties/view/moverGroup.ts) skips a property when
 * none of the parts it declares in `reads` changed: sound only if the
 * property's own judge finds nothing then. Checked here on every transition
 * of every mutant and baseline subject (where the properties do fire), up to
 * a cap of states each; and the check itself is shown to catch a wrong
 * `reads`.
 */
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine/Model.js';
import type { Property } from '../../src/engine/Property.js';
import type { MmState } from '../../model/mm/MmState.js';
import type { MmAction } from '../../model/MmModel.js';
import { BASELINES } from '../../properties/mutants/baselines.js';
import { mmMutantSuite } from '../../properties/mutants/mmMutants.js';
import { isMoverStep, moverStep, type MoverStep } from '../../properties/view/moverStep.js';
import { changedParts, FRAMES, RANGES } from '../../properties/view/stepParts.js';
import { mmStateKey } from '../../model/mm/stateKey.js';

/** States explored per subject (breadth first): enough to reach the mutants' violations, small enough for CI. */
const CAP = 4000;

/** `property label` for every transition where the group would skip a property whose judge finds something. */
function unsoundSkips(model: Model<MmState, MmAction>, props: readonly Property<MmState, MmAction>[]): string[] {
  const masked = props.filter(isMoverStep).filter((p: MoverStep) => p.reads !== FRAMES);
  const out: string[] = [];
  const seen = new Set<string>();
  let level = model.initialStates();
  const acts: MmAction[] = [];
  while (level.length > 0 && seen.size < CAP) {
    const next: MmState[] = [];
    for (const s of level) {
      acts.length = 0;
      model.actions(s, acts);
      for (const a of [...acts]) {
        let n: MmState;
        try {
          n = model.nextState(s, a);
        } catch {
          continue; // a mutant's model error ends that path (mnc reports it as such)
        }
        const changed = changedParts(s, n, a.thread);
        for (const p of masked) {
          if ((p.reads & changed) !== 0) continue;
          const m = p.judge(s, n, a.thread);
          if (m !== undefined) out.push(`${p.name}: ${m}`);
        }
        const k = mmStateKey(n).join(',');
        if (!seen.has(k) && seen.size < CAP) {
          seen.add(k);
          next.push(n);
        }
      }
    }
    level = next;
  }
  return out;
}

describe('the mover-step group skips only properties that would find nothing', () => {
  const suite = mmMutantSuite();
  for (const m of suite.mutants) {
    it(`mutant ${m.id}`, () => {
      const { model, properties } = m.subject();
      expect(unsoundSkips(model, properties as Property<MmState, MmAction>[])).toEqual([]);
    });
  }
  for (const key of Object.keys(BASELINES)) {
    it(`baseline ${key}`, () => {
      const { model, properties } = suite.baseline(key);
      expect(unsoundSkips(model, properties)).toEqual([]);
    });
  }
  it('catches a property whose reads leave out a part it judges', () => {
    // judges the lock table but says it reads only the mover's ranges: skipped on the steps that take a lock
    const wrong = moverStep(
      'locks-changed',
      'fails whenever the lock table changes',
      (prev, next) => (prev.locks !== next.locks ? 'locks changed' : undefined),
      RANGES,
    );
    const { model } = suite.baseline(Object.keys(BASELINES)[0]!);
    expect(unsoundSkips(model, [wrong]).length).toBeGreaterThan(0);
  });
});
