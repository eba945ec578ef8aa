/**
 * The thread that made a transition. The model changes state only through
 * one thread's step (model/mm/step/runStep.ts) and immer shares every
 * untouched object, so the mover is the thread whose object changed; the
 * action (model/MmModel.ts MmAction `{ thread }`) settles it when present.
 */
import type { MmState } from '../../model/mm/MmState.js';

export function moverOf(prev: MmState, action: unknown, next: MmState): number | undefined {
  if (typeof action === 'object' && action !== null && typeof (action as { thread?: unknown }).thread === 'number') {
    return (action as { thread: number }).thread;
  }
  for (let i = 0; i < prev.threads.length; i++) if (prev.threads[i] !== next.threads[i]) return i;
  return undefined;
}
