/** Who holds a lock, for traces and deadlock reports. */
import type { MmState } from './MmState.js';
import { lockState } from './locks.js';

/**
 * `held by zap#0`, `held for read by a, b`, or `free`; a holder that has
 * ended is marked `(ended)`. Read holders are found by the threads' `held`
 * lists (the lock itself only counts them).
 */
export function lockHolders(s: MmState, name: string): string {
  const l = lockState(s, name);
  if (!l) return 'unknown lock';
  const who = (tid: number): string => `${s.cfg.threads[tid]!.name}${s.threads[tid]!.frames.length === 0 ? ' (ended)' : ''}`;
  if (l.holder !== null) return `held by ${who(l.holder)}`;
  if (l.readers === 0) return 'free';
  const readers = s.threads.flatMap((t, i) => (t.held.includes(`${name}:r`) ? [who(i)] : []));
  return `held for read by ${readers.join(', ') || `${l.readers} reader(s)`}`;
}
