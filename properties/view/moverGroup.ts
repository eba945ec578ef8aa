/**
 * The mover steps of a property list judged as one step group
 * (src/engine/Property.ts StepGroup): the mover and the parts the
 * transition changed (stepParts.ts) are read once, and a property whose
 * `reads` parts are all unchanged is not called (its own check would return
 * undefined at its first identity test). Calling each property for every
 * transition, most of them only to find nothing to judge, was most of the
 * contract's step-check time: the properties alone went from 676-804 to
 * 495-548 ns an edge with the group (bench/core/properties.mjs, RESULTS
 * Session 16).
 */
import type { GroupFailure, Property, StepGroup } from '../../src/engine/Property.js';
import type { MmState, ProgFrame } from '../../model/mm/MmState.js';
import type { MmAction } from '../../model/MmModel.js';
import { moverOf } from './mover.js';
import { type MoverStep, isMoverStep } from './moverStep.js';
import { FRAMES, changedParts } from './stepParts.js';

type MmProperty = Property<MmState, MmAction>;

/** `props` with every mover step replaced by a copy that is a member of one group of them all (the rest as they are). */
export function groupMoverSteps(props: readonly MmProperty[]): MmProperty[] {
  const movers = props.filter(isMoverStep);
  if (movers.length === 0) return [...props];
  const judges = movers.map((p) => p.judge);
  const reads = movers.map((p) => p.reads);
  /** Per program, the bits (1 << member index) of the members that judge its frames (members past the 31st are always judged). */
  const byProg = new Map<string, number>();
  const gated = (p: MoverStep, i: number): boolean => p.progs !== undefined && i < 31;
  movers.forEach((p, i) => (gated(p, i) ? p.progs! : []).forEach((prog) => byProg.set(prog, (byProg.get(prog) ?? 0) | (1 << i))));
  const always = movers.map((p, i) => !gated(p, i) && (p.reads === FRAMES || p.progs !== undefined));
  const members: MoverStep[] = [];
  const group: StepGroup<MmState, MmAction> = {
    members,
    check(prev, action, next): GroupFailure | undefined {
      const tid = moverOf(action);
      const changed = changedParts(prev, next, tid);
      const frames = byProg.size === 0 ? 0 : frameInterest(prev.threads[tid]!.frames, next.threads[tid]!.frames, byProg);
      for (let i = 0; i < judges.length; i++) {
        if (!always[i] && (reads[i]! & changed) === 0 && (frames & (1 << i)) === 0) continue;
        const message = judges[i]!(prev, next, tid);
        if (message !== undefined) return { index: i, message };
      }
      return undefined;
    },
  };
  const copies = new Map(movers.map((p) => [p, { ...p, group }] as const));
  members.push(...movers.map((p) => copies.get(p)!));
  return props.map((p) => (isMoverStep(p) ? copies.get(p)! : p));
}

/**
 * The bits `byProg` gives the programs of the mover's frames that the step
 * pushed, popped or changed (from the first index where before and after
 * differ), and of its top frame before and after.
 */
export function frameInterest(before: readonly ProgFrame[], after: readonly ProgFrame[], byProg: ReadonlyMap<string, number>): number {
  const n = Math.min(before.length, after.length);
  let k = 0;
  while (k < n && before[k] === after[k]) k++;
  let bits = 0;
  for (let i = k; i < before.length; i++) bits |= byProg.get(before[i]!.prog) ?? 0;
  for (let i = k; i < after.length; i++) bits |= byProg.get(after[i]!.prog) ?? 0;
  // the tops, when the step left them as they were
  if (k >= before.length && before.length > 0) bits |= byProg.get(before[before.length - 1]!.prog) ?? 0;
  if (k >= after.length && after.length > 0) bits |= byProg.get(after[after.length - 1]!.prog) ?? 0;
  return bits;
}
