/**
 * The thread that made a transition: the action's thread (model/MmModel.ts
 * MmAction: thread `thread` runs one outcome of its current step). The model
 * changes state only through one thread's step (model/mm/step/runStep.ts),
 * so every transition has one.
 */
import type { MmAction } from '../../model/MmModel.js';

export function moverOf(action: MmAction): number {
  return action.thread;
}
