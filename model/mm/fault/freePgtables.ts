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
 * fault reaches these tables). One step: the tables are freed at once
 * (pte_free_tlb defers the free to the TLB flush; nothing walks them).
 * hugetlb_free_pgd_range is free_pgd_range on x86.
 */
import { ModelError } from '../../../src/engine/Model.js';
import type { Geometry } from '../Geometry.js';
import { pmdIndex, pmdSize, pudIndex, pudSize } from '../Geometry.js';
import type { MmState, PmdEntry } from '../MmState.js';
import { freePmdTable, freePteTable } from '../pageTable.js';
import { DONE, defineProgram } from '../step/defineProgram.js';
import { vmNext } from '../vmaOps.js';
import { vmaOf } from '../vmas.js';
import { mutMm } from '../mutate.js';

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
    (table.entries as PmdEntry[])[pmdIndex(g, a)] = null;
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
  if (table.entries.some((x) => x !== null)) return; // another vma's tables live here (the kernel's floor/ceiling make this impossible)
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
  for (let a = addr; a < end; ) {
    const next = Math.min(end, down(a, pudSize(g)) + pudSize(g));
    freePmdRange(s, g, mm, a, next, floor, ceiling);
    a = next;
  }
}

/** `free_pgtables(tlb, vma, floor, ceiling)` {vma, floor, ceiling} (see the file comment). */
export const freePgtables = defineProgram({
  name: 'free_pgtables',
  file: 'mm/memory.c',
  params: ['vma', 'floor', 'ceiling'],
  locals: (a: { vma: number | null; floor?: number; ceiling?: number | null }) => ({ vma: a.vma ?? null, floor: a.floor ?? 0, ceiling: a.ceiling ?? 0 }),
  steps: ($) => [
    $.step('free_pgd_range', (c) => {
      // while (vma) { next = vma->vm_next; addr = vma->vm_start; unlink_anon_vmas(vma); unlink_file_vma(vma);
      //   while (next && next->vm_start <= vma->vm_end + PMD_SIZE && !is_vm_hugetlb_page(next)) { vma = next; next = vma->vm_next; ... }
      //   free_pgd_range(tlb, addr, vma->vm_end, floor, next ? next->vm_start : ceiling); vma = next; }
      let id = c.l.vma;
      const pmd = pmdSize(c.g);
      while (id !== null) {
        let v = vmaOf(c.s, id);
        const addr = v.start;
        let next = vmNext(c.s, id);
        if (!v.flags.hugetlb) {
          while (next !== null && vmaOf(c.s, next).start <= v.end + pmd && !vmaOf(c.s, next).flags.hugetlb) {
            v = vmaOf(c.s, next);
            next = vmNext(c.s, next);
          }
        }
        freePgdRange(c.s, v.mm, addr, v.end, c.l.floor, next !== null ? vmaOf(c.s, next).start : Number(c.l.ceiling ?? 0));
        id = next;
      }
      return DONE;
    }),
  ],
});
