/**
 * mm/memory.c:free_pgtables (v5.0) {vma, floor, ceiling}: after the pages of
 * a run of detached vmas are unmapped (unmap_region), free the page tables
 * that only they used. For each run of nearby vmas (gathered when the next
 * starts within a PMD of the end), free_pgd_range(addr, end, floor,
 * ceiling): PTE tables of whole PMD entries inside [floor, ceiling)
 * (free_pte_range: pmd_clear + pte_free_tlb), then the PMD table when the
 * whole PUD entry is inside (free_pmd_range: pud_clear + pmd_free_tlb).
 * `ceiling` 0 or null = USER_PGTABLES_CEILING (no limit). The caller holds
 * mmap_sem (v5.0 munmap: downgraded to read; the vmas are detached, so no
 * fault reaches these tables). Before its tables go, each vma is hidden from
 * rmap: unlink_anon_vmas (the anon_vma root's rwsem for write) then
 * unlink_file_vma (i_mmap_rwsem for write), each lock a step of its own, so
 * an rmap walker that found the vma under the read lock finishes first, and
 * one that comes later no longer finds it. free_pgd_range of a run is one
 * step: the tables are freed at once (pte_free_tlb defers the free to the
 * TLB flush; nothing walks them).
 * hugetlb_free_pgd_range is free_pgd_range on x86.
 */
import { ModelError } from '../../../src/engine/Model.js';
import type { Geometry } from '../Geometry.js';
import { pmdIndex, pmdSize, pudIndex, pudSize } from '../Geometry.js';
import type { MmState } from '../MmState.js';
import { freePmdTable, freePteTable } from '../pageTable.js';
import { DONE, defineProgram, type View } from '../step/defineProgram.js';
import { LockName } from '../locks.js';
import { unlinkAnonVma, unlinkFileVma, vmNext } from '../vmaOps.js';
import { vmaOf } from '../vmas.js';
import { mutMm, mutPmdTable } from '../mutate.js';

const down = (a: number, unit: number): number => Math.floor(a / unit) * unit;

/** free_pmd_range for the PUD entry of `addr`: PTE tables in [addr, next), then the PMD table if the PUD is wholly inside. */
function freePmdRange(s: MmState, g: Geometry, mm: number, addr: number, next: number, floor: number, ceiling: number): void {
  const pud = s.mms[mm]!.pud[pudIndex(g, addr)];
  if (pud === null || pud === undefined) return;
  const table = s.pmdTables[pud]!;
  for (let a = addr; a < next; a += pmdSize(g)) {
    const e = table.entries[pmdIndex(g, a)];
    if (!e) continue; // pmd_none_or_clear_bad
    if (e.kind !== 'table') throw new ModelError(`free_pgtables: mm${mm} page ${a} still has a ${e.kind} PMD entry`);
    // free_pte_range: pmd_clear(pmd); pte_free_tlb(tlb, token, addr); mm_dec_nr_ptes(tlb->mm);
    mutPmdTable(s, pud).entries[pmdIndex(g, a)] = null;
    freePteTable(s, e.table);
  }
  // start &= PUD_MASK; if (start < floor) return; if (ceiling) { ceiling &= PUD_MASK; if (!ceiling) return; } if (end - 1 > ceiling - 1) return;
  const start = down(addr, pudSize(g));
  if (start < floor) return;
  if (ceiling) {
    const c = down(ceiling, pudSize(g));
    if (!c) return;
    if (next - 1 > c - 1) return;
  }
  if (s.pmdTables[pud]!.entries.some((x) => x !== null)) return; // another vma's tables live here (the kernel's floor/ceiling make this impossible)
  // pud_clear(pud); pmd_free_tlb(tlb, pmd, start); mm_dec_nr_pmds(tlb->mm);
  mutMm(s, mm).pud[pudIndex(g, addr)] = null;
  freePmdTable(s, pud);
}

/** free_pgd_range(tlb, addr, end, floor, ceiling) in pages. */
export function freePgdRange(s: MmState, mm: number, addr: number, end: number, floor: number, ceiling: number): void {
  const g = s.cfg.geometry;
  const pmd = pmdSize(g);
  addr = down(addr, pmd);
  if (addr < floor) addr += pmd;
  if (ceiling) {
    ceiling = down(ceiling, pmd);
    if (!ceiling) return;
    if (end - 1 > ceiling - 1) end -= pmd;
  }
  if (addr > end - 1) return;
  for (let a = addr; a < end;) {
    const next = Math.min(end, down(a, pudSize(g)) + pudSize(g));
    freePmdRange(s, g, mm, a, next, floor, ceiling);
    a = next;
  }
}

type L = { vma: number | null; floor: number; ceiling: number | null; addr: number; next: number | null };
const anonVmaRoot = (v: View<L>): string => LockName.anonVma(vmaOf(v.s, v.l.vma!).anonVma!);
const iMmap = (v: View<L>): string => LockName.iMmap(vmaOf(v.s, v.l.vma!).file!);

/** `free_pgtables(tlb, vma, floor, ceiling)` {vma, floor, ceiling} (see the file comment). */
export const freePgtables = defineProgram({
  name: 'free_pgtables',
  file: 'mm/memory.c',
  params: ['vma', 'floor', 'ceiling'],
  locals: (a: { vma: number | null; floor?: number; ceiling?: number | null }): L => ({
    vma: a.vma ?? null,
    floor: a.floor ?? 0,
    ceiling: a.ceiling ?? 0,
    addr: 0,
    next: null,
  }),
  steps: ($) => [
    $.local('free_pgtables', (c) => {
      // while (vma) { struct vm_area_struct *next = vma->vm_next; unsigned long addr = vma->vm_start;
      if (c.l.vma === null) return DONE;
      c.l.next = vmNext(c.s, c.l.vma);
      c.l.addr = vmaOf(c.s, c.l.vma).start;
      return 'unlink_anon_vmas';
    }),
    // Hide vma from rmap and truncate_pagecache before freeing pgtables: unlink_anon_vmas(vma); unlink_file_vma(vma);
    // mm/rmap.c:unlink_anon_vmas: list_for_each_entry_safe(avc, next, &vma->anon_vma_chain, same_vma) {
    //   root = lock_anon_vma_root(root, anon_vma) (down_write(&root->rwsem)); anon_vma_interval_tree_remove(avc, &anon_vma->rb_root); ... }
    //   unlock_anon_vma_root(root); (then frees the empty anon_vmas, outside the lock). No chain (no anon_vma): nothing.
    $.local('unlink_anon_vmas', (c) => (vmaOf(c.s, c.l.vma!).anonVma === null ? 'unlink_file_vma' : 'lock_anon_vma_root'), 'mm/rmap.c:unlink_anon_vmas'),
    $.lock('lock_anon_vma_root', anonVmaRoot, {
      at: 'mm/rmap.c:unlink_anon_vmas',
      then: (c) => {
        unlinkAnonVma(c.s, c.l.vma!);
        return undefined;
      },
    }),
    $.unlock('unlock_anon_vma_root', anonVmaRoot, { at: 'mm/rmap.c:unlink_anon_vmas' }),
    // mm/mmap.c:unlink_file_vma: if (file) { i_mmap_lock_write(mapping); __remove_shared_vm_struct(vma, file, mapping); i_mmap_unlock_write(mapping); }
    $.local('unlink_file_vma', (c) => (vmaOf(c.s, c.l.vma!).file === null ? 'gather' : 'i_mmap_lock_write'), 'mm/mmap.c:unlink_file_vma'),
    $.lock('i_mmap_lock_write', iMmap, {
      at: 'mm/mmap.c:unlink_file_vma',
      then: (c) => {
        unlinkFileVma(c.s, c.l.vma!);
        return undefined;
      },
    }),
    $.unlock('i_mmap_unlock_write', iMmap, { at: 'mm/mmap.c:unlink_file_vma' }),
    $.local('gather', (c) => {
      // if (is_vm_hugetlb_page(vma)) hugetlb_free_pgd_range(...); else {
      //   while (next && next->vm_start <= vma->vm_end + PMD_SIZE && !is_vm_hugetlb_page(next)) {
      //     vma = next; next = vma->vm_next; unlink_anon_vmas(vma); unlink_file_vma(vma); }
      //   free_pgd_range(...); }
      // (a vma gathered here is never hugetlb, so the test on the current vma tells the two loops apart)
      const v = vmaOf(c.s, c.l.vma!);
      const n = c.l.next;
      if (!v.flags.hugetlb && n !== null && vmaOf(c.s, n).start <= v.end + pmdSize(c.g) && !vmaOf(c.s, n).flags.hugetlb) {
        c.l.vma = n;
        c.l.next = vmNext(c.s, n);
        return 'unlink_anon_vmas';
      }
      return 'free_pgd_range';
    }),
    $.step('free_pgd_range', (c) => {
      // free_pgd_range(tlb, addr, vma->vm_end, floor, next ? next->vm_start : ceiling); (hugetlb_free_pgd_range is the same on x86)
      // vma = next; }
      const v = vmaOf(c.s, c.l.vma!);
      const n = c.l.next;
      freePgdRange(c.s, v.mm, c.l.addr, v.end, c.l.floor, n !== null ? vmaOf(c.s, n).start : Number(c.l.ceiling ?? 0));
      c.l.vma = n;
      return 'free_pgtables';
    }),
  ],
});
