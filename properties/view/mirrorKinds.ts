/**
 * What the properties need to know of a mirror kind: whether it relies on
 * `invalidate_range` alone (a secondary TLB: no start/end callbacks) and
 * its in-flight bookkeeping (MirrorKind.inFlight).
 */
import type { MirrorKind } from '../../model/mirrors/MirrorKind.js';
import type { MirrorState } from '../../model/mm/MmState.js';
import { callbackProgram } from '../../model/mm/notifier/callbackProgram.js';

export type KindTable = ReadonlyMap<string, MirrorKind>;

export function kindTable(kinds: readonly MirrorKind[]): KindTable {
  return new Map(kinds.map((k) => [k.kind, k]));
}

/** Per kind table, per kind: whether it is a TLB-only mirror (computed once; isTlbMirror runs on every state). */
const tlbOnly = new WeakMap<KindTable, Map<string, boolean>>();

/** True for a mirror that implements neither invalidate_range_start nor _end (IOMMU/SVA style). */
export function isTlbMirror(kinds: KindTable, m: MirrorState): boolean {
  let memo = tlbOnly.get(kinds);
  if (memo === undefined) tlbOnly.set(kinds, (memo = new Map<string, boolean>()));
  let r = memo.get(m.kind);
  if (r === undefined) memo.set(m.kind, (r = computeTlbOnly(kinds, m.kind)));
  return r;
}

function computeTlbOnly(kinds: KindTable, kind: string): boolean {
  const k = kinds.get(kind);
  if (!k) return false;
  const names = new Set(k.programs.map((p) => p.name));
  return !names.has(callbackProgram(k.kind, 'invalidate_range_start')) && !names.has(callbackProgram(k.kind, 'invalidate_range_end'));
}
