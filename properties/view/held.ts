/** Locks a thread holds (MmState.Thread.held: `name` exclusive, `name:r` shared). */
import type { MmState } from '../../model/mm/MmState.js';

/** The thread holds `name` exclusively before or after the step (a step may take and use a lock at once). */
export function holdsAround(prev: MmState, next: MmState, tid: number, name: string): boolean {
  return prev.threads[tid]!.held.includes(name) || next.threads[tid]!.held.includes(name);
}
