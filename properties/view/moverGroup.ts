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
import type { MmState } from '../../model/mm/MmState.js';
import type { MmAction } from '../../model/MmModel.js';
import { moverOf } from './mover.js';
import { type MoverStep, isMoverStep } from './moverStep.js';
import { changedParts } from './stepParts.js';

type MmProperty = Property<MmState, MmAction>;

/** `props` with every mover step replaced by a copy that is a member of one group of them all (the rest as they are). */
export function groupMoverSteps(props: readonly MmProperty[]): MmProperty[] {
  const movers = props.filter(isMoverStep);
  if (movers.length === 0) return [...props];
  const judges = movers.map((p) => p.judge);
  const reads = movers.map((p) => p.reads);
  const members: MoverStep[] = [];
  const group: StepGroup<MmState, MmAction> = {
    members,
    check(prev, action, next): GroupFailure | undefined {
      const tid = moverOf(action);
      const changed = changedParts(prev, next, tid);
      for (let i = 0; i < judges.length; i++) {
        const r = reads[i]!;
        if (r !== 0 && (r & changed) === 0) continue;
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
