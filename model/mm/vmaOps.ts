/**
 * VMA list changes of mm/mmap.c (v5.0) that the core leaves out: split a
 * vma (`__split_vma`), add one (`vma_link` from `copy_vma` / `dup_mmap`),
 * detach a run from the tree (`detach_vmas_to_be_unmapped`), free detached
 * ones (`remove_vma`), and `vm_next` along either the tree or a detached run.
 * No locking here: the calling step holds mmap_sem for write.
 */
import { ModelError } from '../../src/engine/Model.js';
import { EINVAL } from './errno.js';
import type { MmState, Vma, VmaFlags } from './MmState.js';
import { copyVma, mutMm, mutPool, mutVma } from './mutate.js';
import { pmdAt } from './pageTable.js';
import { nextVma, vmaOf } from './vmas.js';

const sortIntoMm = (s: MmState, mm: number): void => {
  const list = mutMm(s, mm).vmas;
  list.sort((a, b) => s.vmas[a]!.start - s.vmas[b]!.start);
};

/** vma_link: a new vma (fresh id) in mm's tree. Returns its id. */
export function linkVma(s: MmState, v: Omit<Vma, 'id' | 'live' | 'inAnonVma' | 'inIMmap'>): number {
  const id = s.vmas.length;
  // vma_link -> __vma_link_file (i_mmap) and anon_vma_clone / anon_vma_prepare's chain (anon_vma tree)
  mutPool(s, 'vmas').push(copyVma({ id, ...v, live: true, inAnonVma: true, inIMmap: true }));
  mutMm(s, v.mm).vmas.push(id);
  sortIntoMm(s, v.mm);
  return id;
}

/**
 * mm/mmap.c:__split_vma(mm, vma, addr, new_below = 0): the vma keeps
 * [start, addr), a new vma takes [addr, end) (same flags, file, anon_vma).
 * Returns the new vma's id.
 */
export function splitVma(s: MmState, id: number, addr: number): number {
  const v = vmaOf(s, id);
  if (addr <= v.start || addr >= v.end) throw new ModelError(`__split_vma: address ${addr} not inside vma ${id} [${v.start},${v.end})`);
  // the upper part's fields are read before the lower part is cut (under immer `v` is the draft that mutVma returns)
  const upper = { mm: v.mm, start: addr, end: v.end, flags: v.flags, file: v.file, pgoff: v.pgoff + (addr - v.start), anonVma: v.anonVma };
  mutVma(s, id).end = addr;
  return linkVma(s, upper);
}

/** mm/rmap.c:unlink_anon_vmas (the anon_vma tree part): the vma leaves its anon_vma's interval tree. */
export function unlinkAnonVma(s: MmState, id: number): void {
  mutVma(s, id).inAnonVma = false;
}

/** mm/mmap.c:__remove_shared_vm_struct (from unlink_file_vma): the vma leaves its file's i_mmap tree. */
export function unlinkFileVma(s: MmState, id: number): void {
  mutVma(s, id).inIMmap = false;
}

/** The vmas of mm's tree inside [start, end), in address order. */
export function vmasIn(s: MmState, mm: number, start: number, end: number): number[] {
  return s.mms[mm]!.vmas.filter((id) => s.vmas[id]!.start >= start && s.vmas[id]!.end <= end);
}

/** detach_vmas_to_be_unmapped: removes them from the tree (they stay live until remove_vma). */
export function detachVmas(s: MmState, mm: number, ids: readonly number[]): void {
  const list = mutMm(s, mm).vmas;
  for (const id of ids) list.splice(list.indexOf(id), 1);
}

/** remove_vma: the vma is freed. */
export function freeVma(s: MmState, id: number): void {
  mutVma(s, id).live = false;
}

/** __vma_adjust: `vma->vm_start = start; vma->vm_end = end; vma->vm_pgoff = pgoff` (the trees are updated under the caller's locks). */
export function adjustVma(s: MmState, id: number, start: number, end: number, pgoff: number): void {
  const v = mutVma(s, id);
  v.start = start;
  v.end = end;
  v.pgoff = pgoff;
}

/** mprotect_fixup: `vma->vm_flags = newflags` (vma_set_page_prot follows from the flags). */
export function setVmaFlags(s: MmState, id: number, flags: VmaFlags): void {
  mutVma(s, id).flags = flags;
}

/**
 * vma->vm_next: along mm's tree for an attached vma; for a detached one
 * (live, not in the tree) along the detached run, which keeps address order.
 */
export function vmNext(s: MmState, id: number): number | null {
  const v = vmaOf(s, id);
  if (s.mms[v.mm]!.vmas.includes(id)) return nextVma(s, id);
  const run = s.vmas.filter((x) => x.live && x.mm === v.mm && !s.mms[v.mm]!.vmas.includes(x.id) && x.start >= v.end);
  run.sort((a, b) => a.start - b.start);
  return run[0]?.id ?? null;
}

/** The vma of mm's tree that a split at addr cuts in two (vm_start < addr < vm_end), or null. */
export function vmaSplitAt(s: MmState, mm: number, addr: number): number | null {
  return s.mms[mm]!.vmas.find((x) => s.vmas[x]!.start < addr && addr < s.vmas[x]!.end) ?? null;
}

/**
 * mm/mmap.c:__split_vma: `if (vma->vm_ops && vma->vm_ops->split) { err =
 * vma->vm_ops->split(vma, addr); if (err) return err; }`, before anything
 * changes. Only hugetlbfs vmas have the op: mm/hugetlb.c:hugetlb_vm_op_split
 * `if (addr & ~(huge_page_mask(hstate_vma(vma)))) return -EINVAL; return 0;`
 * (hugetlb pages are PMD-sized here). Returns 0 or -EINVAL.
 */
export function vmOpsSplit(s: MmState, id: number, addr: number): number {
  const v = vmaOf(s, id);
  if (!v.flags.hugetlb) return 0;
  return addr % s.cfg.geometry.ptesPerTable === 0 ? 0 : EINVAL;
}

/**
 * mm/huge_memory.c:vma_adjust_trans_huge (called by __vma_adjust when
 * __split_vma moves a vma boundary): a boundary that is not PMD-aligned,
 * inside a vma that holds the whole huge PMD around it, needs that huge PMD
 * split first (split_huge_pmd_address). Returns {vma, addr} when the
 * boundary b of mm needs it, or null.
 */
export function straddlingHugePmdAt(s: MmState, mm: number, b: number): { vma: number; addr: number } | null {
  const size = s.cfg.geometry.ptesPerTable;
  if (b % size === 0) return null;
  const base = b - (b % size);
  const id = vmaSplitAt(s, mm, b);
  if (id === null) return null;
  const v = s.vmas[id]!;
  if (base < v.start || base + size > v.end) return null;
  return pmdAt(s, mm, b)?.kind === 'huge' ? { vma: id, addr: b } : null;
}
