/**
 * A step property judged on the thread that moved: most properties look only
 * at the mover's before/after (see mover.ts).
 */
import type { Property, StepProperty, Verdict } from '../../src/engine/Property.js';
import type { MmState, NotifierRange } from '../../model/mm/MmState.js';
import type { MmAction } from '../../model/MmModel.js';
import { moverOf } from './mover.js';
import { FRAMES } from './stepParts.js';

/** How a mover step judges a transition: the states before and after, and the thread that moved. */
export type MoverJudge = (prev: MmState, next: MmState, tid: number) => Verdict;

/** A step property made by moverStep: its judge, the parts it reads (stepParts.ts) besides the mover's frames, and the programs whose frames it reads. */
export interface MoverStep extends StepProperty<MmState, MmAction> {
  readonly judge: MoverJudge;
  readonly reads: number;
  readonly progs: readonly string[] | undefined;
}

export const isMoverStep = (p: Property<MmState, MmAction>): p is MoverStep => p.kind === 'step' && 'judge' in p;

/**
 * `reads`: the parts (stepParts.ts bits) the check needs changed to find
 * anything: it must return undefined whenever none of them changed (the
 * default, FRAMES, means it is always judged, unless `progs` is given).
 * `progs`: the programs whose frames of the mover it judges: it must also
 * return undefined when no frame of the mover that the step pushed, popped
 * or changed, nor its top frame before or after, runs one of them
 * (moverGroup.ts frameInterest); the judge is then called when a part of
 * `reads` changed or such a frame is there.
 */
export function moverStep(name: string, description: string, check: MoverJudge, reads: number = FRAMES, progs?: readonly string[]): MoverStep {
  return {
    name,
    description,
    kind: 'step',
    judge: check,
    reads,
    progs,
    check(prev, action, next) {
      return check(prev, next, moverOf(action));
    },
  };
}

/**
 * A range removed by this step: its end dispatch completed (Thread.ranges).
 * Its last form is not in the state; it is `before` ended, every subscriber
 * the walk had not yet ended receiving its end (a range ended in the step
 * its end began gets its subscribers then, none started).
 */
export function endedForm(before: NotifierRange, next: MmState): NotifierRange {
  const subs = before.subs.length > 0 ? before.subs : next.mms[before.mm]!.notifiers.map((mirror) => ({ mirror, start: 'none' as const, ends: 0 }));
  return { ...before, phase: 'ended', subs: subs.map((s) => (s.ends === 0 ? { ...s, ends: 1 } : s)) };
}

type RangeChange = readonly [NotifierRange | undefined, NotifierRange];

const NO_CHANGE: readonly RangeChange[] = Object.freeze([]);

/** One-entry memo: range-pairing, nonblock-failure-no-end and range-vma ask for the same transition in a row (states are immutable). */
let memo: { prev: MmState; next: MmState; tid: number; out: readonly RangeChange[] } | undefined;

/**
 * The mover's ranges that this step created, changed or ended:
 * `[before (undefined if new), after]`; a range this step ended (removed)
 * comes as its ended form (endedForm).
 */
export function changedRanges(prev: MmState, next: MmState, tid: number): readonly RangeChange[] {
  const before = prev.threads[tid]!.ranges;
  const after = next.threads[tid]!.ranges;
  if (before === after) return NO_CHANGE;
  if (memo !== undefined && memo.prev === prev && memo.next === next && memo.tid === tid) return memo.out;
  const out: RangeChange[] = [];
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    const b = before[i] ?? undefined;
    const a = after[i] ?? null;
    if (b === a) continue;
    if (b !== undefined && a !== null && a.phase === 'init' && b.phase !== 'init') {
      // b ended and a new range took its index in the same step (local steps chained after the end's return)
      out.push([b, endedForm(b, next)], [undefined, a]);
    } else if (a !== null) out.push([b, a]);
    else if (b !== undefined) out.push([b, endedForm(b, next)]);
  }
  memo = { prev, next, tid, out };
  return out;
}
