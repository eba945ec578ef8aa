/** The hmm->ranges list shared by both HMM versions: one hmm_range per faulting thread, sorted by owner (canonical). */
import type { MmState } from '../mm/MmState.js';
import type { MirrorBase } from './MirrorKind.js';
import { mirrorState } from './mirrorState.js';

export interface HmmRange {
  /** The thread that registered it. */
  readonly owner: number;
  readonly start: number;
  readonly end: number;
  readonly valid: boolean;
}

/** What both HMM versions keep: hmm->ranges. */
export type HmmBase = MirrorBase & {
  readonly ranges: readonly HmmRange[];
};

const hmmBase = mirrorState<HmmBase>('hmm50', 'hmm52');
const rangesOf = (s: MmState, m: number): HmmRange[] => hmmBase.draft(s, m).ranges;

/** list_add(&range->list, &hmm->ranges) */
export function addRange(s: MmState, m: number, r: HmmRange): void {
  const list = rangesOf(s, m);
  list.push(r);
  list.sort((a, b) => a.owner - b.owner);
}

/** list_del_rcu(&range->list); returns the range (undefined when not registered). */
export function removeRange(s: MmState, m: number, owner: number): HmmRange | undefined {
  const list = rangesOf(s, m);
  const i = list.findIndex((r) => r.owner === owner);
  return i < 0 ? undefined : list.splice(i, 1)[0];
}

export function rangeOwned(s: MmState, m: number, owner: number): HmmRange | undefined {
  return hmmBase.of(s, m).ranges.find((r) => r.owner === owner);
}

/** Marks every range overlapping [start, end) (`if (end < range->start || start >= range->end) continue;`) with `valid`. */
export function markRanges(s: MmState, m: number, start: number, end: number, valid: boolean): void {
  const list = rangesOf(s, m);
  list.forEach((r, i) => {
    if (end < r.start || start >= r.end) return;
    if (r.valid !== valid) list[i] = { ...r, valid };
  });
}

/** Marks every range valid (v5.2 notifiers_decrement at 0). */
export function validateAll(s: MmState, m: number): void {
  const list = rangesOf(s, m);
  list.forEach((r, i) => {
    if (!r.valid) list[i] = { ...r, valid: true };
  });
}
