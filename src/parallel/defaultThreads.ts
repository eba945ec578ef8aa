import { availableParallelism } from 'node:os';

/** One thread per available core, never more than there are jobs (at least one). */
export function defaultThreads(jobs: number): number {
  return Math.max(1, Math.min(availableParallelism(), jobs));
}
