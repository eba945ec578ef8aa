/**
 * What mm/mmap.c:vma_merge (v5.0) does for a request that lies in a hole
 * ([addr, end) unmapped: the mmap, brk and mremap-move callers; copy_vma is
 * the model's), decided under mmap_sem for write before __vma_adjust takes
 * any lock:
 *
 *   if (vm_flags & VM_SPECIAL) return NULL;
 *   next = prev ? prev->vm_next : mm->mmap;   (area = next: a hole ends before it)
 *   if (prev && prev->vm_end == addr && can_vma_merge_after(prev, ..., pgoff)) {
 *       if (next && end == next->vm_start && can_vma_merge_before(next, ..., pgoff + pglen)
 *           && is_mergeable_anon_vma(prev->anon_vma, next->anon_vma, NULL))
 *           __vma_adjust(prev, prev->vm_start, next->vm_end, prev->vm_pgoff, NULL, prev);   case 1: next is removed
 *       else __vma_adjust(prev, prev->vm_start, end, prev->vm_pgoff, NULL, prev);         case 2
 *       return prev;
 *   }
 *   if (next && end == next->vm_start && can_vma_merge_before(next, ..., pgoff + pglen)) {
 *       __vma_adjust(next, addr, next->vm_end, next->vm_pgoff - pglen, NULL, next);        case 3
 *       return next;
 *   }
 *   return NULL;
 *
 * The mprotect cases (4 to 8: [addr, end) already mapped) are not here:
 * mprotect_fixup's vma_merge is not modelled. Memory policies and
 * userfaultfd contexts are always equal here (neither is modelled), and no
 * model file has a `->close` op. VM_SOFTDIRTY is not a vma flag in the model.
 */
import type { MmState, Vma, VmaFlags } from './MmState.js';
import { sameVmaFlags } from './sameVmaFlags.js';
import { vmaOf } from './vmas.js';

/** What the request would be as a vma (copy_vma passes the moved vma's flags, anon_vma and file, and its pgoff at addr). */
export interface MergeRequest {
  readonly flags: VmaFlags;
  readonly anonVma: number | null;
  readonly file: number | null;
  readonly pgoff: number;
}

/** __vma_adjust(vma, start, end, pgoff, NULL, vma): the merged vma's new bounds, and `remove`, the vma it swallows (case 1). */
export interface MergePlan {
  readonly vma: number;
  readonly start: number;
  readonly end: number;
  readonly pgoff: number;
  readonly remove: number | null;
}

/** is_mergeable_vma: `(vma->vm_flags ^ vm_flags) & ~VM_SOFTDIRTY` clear and the same file. */
const isMergeableVma = (v: Vma, r: MergeRequest): boolean => sameVmaFlags(v.flags, r.flags) && v.file === r.file;

/**
 * is_mergeable_anon_vma(anon_vma1, anon_vma2, vma): one of the two is NULL
 * and (no vma, or vma's anon_vma_chain is a single entry), else the same
 * anon_vma. The model keeps no anon_vma_chain: a vma with an anon_vma counts
 * as a chain of one, one without as an empty chain. A fork's child has two
 * entries in the kernel; it cannot matter here, since copy_vma's request has
 * no anon_vma only for a shared mapping, and a vma it can merge with is
 * shared too, so it has no anon_vma either (both NULL: mergeable both ways).
 */
export function isMergeableAnonVma(a1: number | null, a2: number | null, v: Vma | null): boolean {
  if ((a1 === null || a2 === null) && (v === null || v.anonVma !== null)) return true;
  return a1 === a2;
}

/** can_vma_merge_before(vma, ..., vm_pgoff): the request can sit just below vma. */
export const canVmaMergeBefore = (v: Vma, r: MergeRequest, pgoff: number): boolean =>
  isMergeableVma(v, r) && isMergeableAnonVma(r.anonVma, v.anonVma, v) && v.pgoff === pgoff;

/** can_vma_merge_after(vma, ..., vm_pgoff): the request can sit just above vma. */
export const canVmaMergeAfter = (v: Vma, r: MergeRequest): boolean =>
  isMergeableVma(v, r) && isMergeableAnonVma(r.anonVma, v.anonVma, v) && v.pgoff + (v.end - v.start) === r.pgoff;

/** vma_merge(mm, prev, addr, end, ...) for a hole [addr, end) of mm: the adjustment it makes, or null (it returns NULL). */
export function vmaMergePlan(s: MmState, mm: number, prev: number | null, addr: number, end: number, r: MergeRequest): MergePlan | null {
  // if (vm_flags & VM_SPECIAL) return NULL;  (VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP: the model's is VM_PFNMAP)
  if (r.flags.pfnmap) return null;
  const list = s.mms[mm]!.vmas;
  const nextId = prev === null ? (list[0] ?? null) : (list[list.indexOf(prev) + 1] ?? null);
  const p = prev === null ? null : vmaOf(s, prev);
  const n = nextId === null ? null : vmaOf(s, nextId);
  const pglen = end - addr;
  if (p !== null && p.end === addr && canVmaMergeAfter(p, r)) {
    if (n !== null && end === n.start && canVmaMergeBefore(n, r, r.pgoff + pglen) && isMergeableAnonVma(p.anonVma, n.anonVma, null))
      return { vma: p.id, start: p.start, end: n.end, pgoff: p.pgoff, remove: n.id }; // case 1 (6 is mprotect's)
    return { vma: p.id, start: p.start, end, pgoff: p.pgoff, remove: null }; // case 2 (5 and 7 are mprotect's)
  }
  if (n !== null && end === n.start && canVmaMergeBefore(n, r, r.pgoff + pglen))
    return { vma: n.id, start: addr, end: n.end, pgoff: n.pgoff - pglen, remove: null }; // case 3 (8 is mprotect's)
  return null;
}

/** find_vma_links(mm, addr, end, &prev, ...) for a hole: the last vma of mm that ends at or below addr, or null. */
export function vmaBefore(s: MmState, mm: number, addr: number): number | null {
  let prev: number | null = null;
  for (const id of s.mms[mm]!.vmas) {
    if (vmaOf(s, id).end > addr) break;
    prev = id;
  }
  return prev;
}
