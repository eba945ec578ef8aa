/**
 * The parts of the state a transition changed, as bits: what a step
 * property reads beyond the mover's frames (moverStep `reads`). States are
 * immutable and a step shares every object it does not write, so a part
 * whose object is the same before and after is unchanged; the group of the
 * mover steps (moverGroup.ts) reads these identities once per transition
 * and calls a property only when a part it reads changed.
 */
import type { MmState } from '../../model/mm/MmState.js';

/** The property reads the mover's frames (they change on every step): always judged. */
export const FRAMES = 0;
/** The mover's ranges (Thread.ranges). */
export const RANGES = 1;
/** The lock table (MmState.locks). */
export const LOCKS = 2;
/** The page tables (MmState.pteTables, MmState.pmdTables). */
export const TABLES = 4;
/** The mms (MmState.mms: PUD entries, vma lists, TLBs). */
export const MMS = 8;
/** The vmas (MmState.vmas). */
export const VMAS = 16;
/** The mover ended: it has no frame after the step. */
export const ENDED = 32;

/** The parts of RANGES..VMAS whose object differs between `prev` and `next` (`tid` moved), and ENDED if the mover ended. */
export function changedParts(prev: MmState, next: MmState, tid: number): number {
  return (
    (prev.threads[tid]!.ranges !== next.threads[tid]!.ranges ? RANGES : 0) |
    (prev.locks !== next.locks ? LOCKS : 0) |
    (prev.pteTables !== next.pteTables || prev.pmdTables !== next.pmdTables ? TABLES : 0) |
    (prev.mms !== next.mms ? MMS : 0) |
    (prev.vmas !== next.vmas ? VMAS : 0) |
    (next.threads[tid]!.frames.length === 0 ? ENDED : 0)
  );
}
