/**
 * hugetlb page-table helpers of mm/hugetlb.c (v5.0, CONFIG_ARCH_WANT_HUGE_PMD_SHARE
 * as on x86-64): PMD sharing between mms mapping the same hugetlbfs file
 * (huge_pmd_share / huge_pmd_unshare), the notifier range widening
 * (adjust_range_if_pmd_sharing_possible) and the huge PTE walk.
 * A hugetlb page is a `huge` PMD entry (PMD-sized hugetlb pages only).
 * No locking here: the calling step holds or guards on the kernel's lock.
 */
import { ModelError } from '../../src/engine/Model.js';
import { pmdSize, pmdIndex, pudIndex, pudSize } from './Geometry.js';
import type { MmState, PmdEntry, Vma } from './MmState.js';
import { pmdTableOf } from './pageTable.js';
import { fileVmas, vmaOf } from './vmas.js';
import { mutMm, mutPmdTable } from './mutate.js';

/** mm/hugetlb.c:adjust_range_if_pmd_sharing_possible: widen [start, end) to every whole PUD of the vma it touches, when the vma may share. */
export function adjustRangeIfPmdSharingPossible(s: MmState, v: Vma, start: number, end: number): { start: number; end: number } {
  // if (!(vma->vm_flags & VM_MAYSHARE)) return;
  if (!v.flags.mayshare) return { start, end };
  const pud = pudSize(s.cfg.geometry);
  let a = start;
  let b = end;
  // for (check_addr = *start; check_addr < *end; check_addr += PUD_SIZE) { a_start = check_addr & PUD_MASK; a_end = a_start + PUD_SIZE;
  //     if (range_in_vma(vma, a_start, a_end)) { if (a_start < *start) *start = a_start; if (a_end > *end) *end = a_end; } }
  for (let check = start; check < b; check += pud) {
    const aStart = Math.floor(check / pud) * pud;
    const aEnd = aStart + pud;
    if (v.start <= aStart && aEnd <= v.end) {
      a = Math.min(a, aStart);
      b = Math.max(b, aEnd);
    }
  }
  return { start: a, end: b };
}

/** mm/hugetlb.c:vma_shareable: VM_MAYSHARE and the whole PUD around addr inside the vma. */
export function vmaShareable(s: MmState, v: Vma, addr: number): boolean {
  const pud = pudSize(s.cfg.geometry);
  const base = Math.floor(addr / pud) * pud;
  return v.flags.mayshare && v.start <= base && base + pud <= v.end;
}

/**
 * The search of mm/hugetlb.c:huge_pmd_share (under i_mmap_rwsem): another vma of the same file
 * whose page_table_shareable() address has a populated PMD table. Returns that table, or null.
 */
export function findShareablePmdTable(s: MmState, vmaId: number, addr: number): number | null {
  const g = s.cfg.geometry;
  const v = vmaOf(s, vmaId);
  if (v.file === null) return null;
  const idx = v.pgoff + (addr - v.start);
  // vma_interval_tree_foreach(svma, &mapping->i_mmap, idx, idx) { if (svma == vma) continue; saddr = page_table_shareable(svma, vma, addr, idx); ... spte = huge_pte_offset(svma->vm_mm, saddr) }
  for (const sid of fileVmas(s, v.file)) {
    if (sid === vmaId) continue;
    const sv = vmaOf(s, sid);
    if (idx < sv.pgoff || idx >= sv.pgoff + (sv.end - sv.start)) continue;
    const saddr = idx - sv.pgoff + sv.start;
    const sbase = Math.floor(saddr / pudSize(g)) * pudSize(g);
    const sameFlags =
      sv.flags.read === v.flags.read && sv.flags.write === v.flags.write && sv.flags.shared === v.flags.shared && sv.flags.mayshare === v.flags.mayshare;
    if (pmdIndex(g, addr) !== pmdIndex(g, saddr) || !sameFlags || sbase < sv.start || sv.end < sbase + pudSize(g)) continue;
    const t = pmdTableOf(s, sv.mm, saddr);
    if (t !== null) return t;
  }
  return null;
}

/** The pud_populate of huge_pmd_share: this mm's PUD entry for addr points at the shared table (get_page on the table page). */
export function sharePmdTable(s: MmState, mm: number, addr: number, table: number): void {
  mutPmdTable(s, table).share += 1;
  mutMm(s, mm).pud[pudIndex(s.cfg.geometry, addr)] = table;
}

/**
 * mm/hugetlb.c:huge_pmd_unshare (caller holds the PMD lock and i_mmap_rwsem for write):
 * when the PMD table is shared (page_count > 1), pud_clear in this mm and put_page on the table.
 * Returns the address of the last huge page of the PUD (the loop's `address += sz` then leaves it), or -1 when not shared.
 */
export function hugePmdUnshare(s: MmState, mm: number, addr: number): number {
  const g = s.cfg.geometry;
  const table = pmdTableOf(s, mm, addr);
  if (table === null) return -1;
  const t = s.pmdTables[table]!;
  // BUG_ON(page_count(virt_to_page(ptep)) == 0); if (page_count(virt_to_page(ptep)) == 1) return 0;
  if (t.share <= 1) return -1;
  // pud_clear(pud); put_page(virt_to_page(ptep)); mm_dec_nr_pmds(mm);
  mutMm(s, mm).pud[pudIndex(g, addr)] = null;
  mutPmdTable(s, table).share -= 1;
  // *addr = ALIGN(*addr, HPAGE_SIZE * PTRS_PER_PTE) - HPAGE_SIZE;
  return (pudIndex(g, addr) + 1) * pudSize(g) - pmdSize(g);
}

/** huge_page_mask: the first page of the hugetlb page containing addr. */
export const hugeBase = (s: MmState, addr: number): number => addr - (addr % pmdSize(s.cfg.geometry));

/**
 * huge_ptep_get(ptep) for a `ptep` a hugetlb fault computed earlier: the entry for addr of PMD table `table`,
 * read through the table itself (not the mm's PUD, which huge_pmd_unshare may have cleared meanwhile).
 * The table must still be allocated: a table freed under the fault is v5.0's use-after-free (FINDINGS.md S1).
 */
export function hugePtepGet(s: MmState, table: number, addr: number): PmdEntry {
  const t = s.pmdTables[table];
  if (!t) throw new ModelError(`huge_ptep_get: PMD table ${table} was freed under the fault that walked it (use-after-free, FINDINGS.md S1)`);
  return t.entries[pmdIndex(s.cfg.geometry, addr)]!;
}

/** set_huge_pte_at(mm, addr, ptep, e) / huge_ptep_set_access_flags for such a `ptep`: writes PMD table `table`'s entry for addr. */
export function setHugePte(s: MmState, table: number, addr: number, e: PmdEntry): void {
  hugePtepGet(s, table, addr);
  mutPmdTable(s, table).entries[pmdIndex(s.cfg.geometry, addr)] = e;
}
