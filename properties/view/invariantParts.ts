/**
 * An invariant judged against the parent it held on (src/engine/Property.ts
 * Invariant.checkAfter): the parts of the state it reads, as bits; when each
 * of them is the same object in the new state as in its parent, the verdict
 * is the parent's, which held. States are immutable and a step shares every
 * object it does not write, so most steps leave an invariant's parts as
 * they were (a page-table step leaves the mirrors, a mirror's fault the page
 * tables): the check is then skipped.
 *
 * Sound when `parts` lists everything `check` reads of the state but the
 * constant `cfg` (test/properties/propertySkips.test.ts judges every new
 * state of a set of explorations both ways).
 */
import type { Invariant } from '../../src/engine/Property.js';
import type { MmState } from '../../model/mm/MmState.js';

/** MmState.mirrors. */
export const MIRRORS = 1;
/** MmState.frames (the page frames). */
export const PAGES = 2;
/** MmState.mms (PUD entries, TLBs, notifier lists). */
export const MMS = 4;
/** MmState.pmdTables and MmState.pteTables. */
export const TABLES = 8;
/** Every thread's notifier ranges (Thread.ranges). */
export const RANGES = 16;

/** Some part of `parts` is another object in `s` than in `p`. */
export function partsDiffer(s: MmState, p: MmState, parts: number): boolean {
  if ((parts & MIRRORS) !== 0 && s.mirrors !== p.mirrors) return true;
  if ((parts & PAGES) !== 0 && s.frames !== p.frames) return true;
  if ((parts & MMS) !== 0 && s.mms !== p.mms) return true;
  if ((parts & TABLES) !== 0 && (s.pmdTables !== p.pmdTables || s.pteTables !== p.pteTables)) return true;
  if ((parts & RANGES) !== 0 && s.threads !== p.threads) {
    const a = s.threads;
    const b = p.threads;
    for (let i = 0; i < a.length; i++) if (a[i]!.ranges !== b[i]!.ranges) return true;
  }
  return false;
}

/** An invariant judged after a parent by the identity of the parts it reads (`parts`, shown for benchmarks). */
export interface PartsInvariant extends Invariant<MmState> {
  readonly parts: number;
}

/** `inv`, which reads only `parts` of the state (and `cfg`), judged after a parent by those parts' identity. */
export function readingParts(parts: number, inv: Invariant<MmState>): PartsInvariant {
  return { ...inv, parts, checkAfter: (s, parent) => (partsDiffer(s, parent, parts) ? inv.check(s) : undefined) };
}
