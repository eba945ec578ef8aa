/**
 * A step property judged on the thread that moved: most properties look only
 * at the mover's before/after (see mover.ts). Transitions with no
 * identifiable mover are skipped.
 */
import type { StepProperty, Verdict } from '../../src/engine/Property.js';
import type { MmState, NotifierRange } from '../../model/mm/MmState.js';
import { moverOf } from './mover.js';

export function moverStep(
  name: string,
  description: string,
  check: (prev: MmState, next: MmState, tid: number) => Verdict,
): StepProperty<MmState, unknown> {
  return {
    name,
    description,
    kind: 'step',
    check(prev, action, next) {
      const tid = moverOf(prev, action, next);
      return tid === undefined ? undefined : check(prev, next, tid);
    },
  };
}

/** The mover's ranges that this step created or changed: `[before (undefined if new), after]`. */
export function changedRanges(prev: MmState, next: MmState, tid: number): Array<[NotifierRange | undefined, NotifierRange]> {
  const before = prev.threads[tid]!.ranges;
  const after = next.threads[tid]!.ranges;
  if (before === after) return [];
  const out: Array<[NotifierRange | undefined, NotifierRange]> = [];
  for (let i = 0; i < after.length; i++) if (before[i] !== after[i]) out.push([before[i], after[i]!]);
  return out;
}
