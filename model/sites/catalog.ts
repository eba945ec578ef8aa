/**
 * The site catalog: every `mmu_notifier_range_init` call of the v5.0/v5.1
 * base, as the seed patch (v4 2/9) converts it. For each site: where it is,
 * the event and vma expression the seed passes, the event of the v5.2 merge,
 * the `struct vm_area_struct *` expressions in scope at the call, and the
 * scenarios that check it (filled in by each site's module).
 *
 * The event and vma are inputs of the site's operation, not constants:
 * profiles (`seed`, `v5.2`), the conformance scanner and `--override` replace
 * them, and the model resolves the vma expression in the site's scope.
 */
import type { NotifierEvent } from '../mm/NotifierEvent.js';

export interface CatalogSite {
  /** 1..28, the row of the site table in kernel-notes. */
  readonly id: number;
  readonly file: string;
  readonly function: string;
  /** API generation of the call as the seed leaves it: `(range, event, vma, mm, start, end)`. */
  readonly generation: 'seed';
  /** The event and vma expression the seed passes. */
  readonly event: NotifierEvent;
  readonly vma: string;
  /** The event of the v5.2 merge (profile `v5.2`; the vma stays the seed's). */
  readonly v52Event: NotifierEvent;
  /** `struct vm_area_struct *` expressions in scope at the call, in the order the spatch rules would match them. */
  readonly vmasInScope: readonly string[];
  /** One line on what reaches the site. */
  readonly path: string;
}

const U: NotifierEvent = 'MMU_NOTIFY_UNMAP';
const C: NotifierEvent = 'MMU_NOTIFY_CLEAR';

function site(id: number, file: string, fn: string, vma: string, v52Event: NotifierEvent, vmasInScope: readonly string[], path: string): CatalogSite {
  return { id, file, function: fn, generation: 'seed', event: U, vma, v52Event, vmasInScope, path };
}

export const CATALOG: readonly CatalogSite[] = [
  site(1, 'fs/proc/task_mmu.c', 'clear_refs_write', 'NULL', 'MMU_NOTIFY_SOFT_DIRTY', ['vma'], 'write 4 to /proc/PID/clear_refs (soft-dirty reset, whole mm)'),
  site(2, 'kernel/events/uprobes.c', '__replace_page', 'vma', C, ['vma'], 'uprobe install/remove replaces a text page'),
  site(3, 'mm/huge_memory.c', 'do_huge_pmd_wp_page_fallback', 'vma', C, ['vma'], 'write fault on a huge PMD, fallback to small pages'),
  site(4, 'mm/huge_memory.c', 'do_huge_pmd_wp_page', 'vma', C, ['vma'], 'write fault on a huge PMD (COW of a THP)'),
  site(5, 'mm/huge_memory.c', '__split_huge_pud', 'vma', C, ['vma'], 'split of a huge PUD'),
  site(6, 'mm/huge_memory.c', '__split_huge_pmd', 'vma', C, ['vma'], 'split of a huge PMD (mprotect, munmap, ...)'),
  site(7, 'mm/hugetlb.c', 'copy_hugetlb_page_range', 'vma', C, ['vma'], 'fork of a private hugetlb mapping (COW)'),
  site(8, 'mm/hugetlb.c', '__unmap_hugepage_range', 'vma', U, ['vma'], 'munmap/truncate of hugetlb, with PMD sharing adjustment'),
  site(9, 'mm/hugetlb.c', 'hugetlb_cow', 'vma', C, ['vma'], 'write fault on a private hugetlb page'),
  site(10, 'mm/hugetlb.c', 'hugetlb_change_protection', 'vma', 'MMU_NOTIFY_PROTECTION_VMA', ['vma'], 'mprotect of hugetlb, with PMD sharing adjustment'),
  site(11, 'mm/khugepaged.c', 'collapse_huge_page', 'NULL', C, ['vma'], 'khugepaged collapses small pages into a THP'),
  site(12, 'mm/ksm.c', 'write_protect_page', 'vma', C, ['vma'], 'KSM write-protects a page before merging'),
  site(13, 'mm/ksm.c', 'replace_page', 'vma', C, ['vma'], 'KSM replaces a page by the stable KSM page'),
  site(14, 'mm/madvise.c', 'madvise_free_single_vma', 'vma', C, ['vma'], 'madvise(MADV_FREE)'),
  site(15, 'mm/memory.c', 'copy_page_range', 'vma', 'MMU_NOTIFY_PROTECTION_PAGE', ['vma'], 'fork: write-protects the parent for COW'),
  site(16, 'mm/memory.c', 'unmap_vmas', 'vma', U, ['vma'], 'munmap / exit_mmap: unmap a list of vmas'),
  site(17, 'mm/memory.c', 'zap_page_range', 'vma', C, ['vma'], 'madvise(MADV_DONTNEED) over a vma list'),
  site(18, 'mm/memory.c', 'zap_page_range_single', 'vma', C, ['vma'], 'zap_vma_ptes / unmap_mapping_range on one vma'),
  site(19, 'mm/memory.c', 'wp_page_copy', 'vma', C, ['vma', 'vmf->vma'], 'write fault on a COW page'),
  site(20, 'mm/memory.c', '__follow_pte_pmd', 'NULL', C, [], 'dax_entry_mkclean, PMD branch (the caller ends the range)'),
  site(21, 'mm/memory.c', '__follow_pte_pmd', 'NULL', C, [], 'dax_entry_mkclean, PTE branch (the caller ends the range)'),
  site(22, 'mm/migrate.c', 'migrate_vma_collect', 'NULL', C, ['migrate->vma'], 'migrate_vma to device memory: collect'),
  site(23, 'mm/migrate.c', 'migrate_vma_pages', 'NULL', C, ['migrate->vma'], 'migrate_vma: install new pages (lazy init)'),
  site(24, 'mm/mprotect.c', 'change_pmd_range', 'vma', 'MMU_NOTIFY_PROTECTION_VMA', ['vma'], 'mprotect (lazy init per populated pmd)'),
  site(25, 'mm/mremap.c', 'move_page_tables', 'vma', U, ['vma', 'new_vma'], 'mremap moves the range'),
  site(26, 'mm/oom_kill.c', '__oom_reap_task_mm', 'vma', U, ['vma'], 'oom reaper (non-blocking start)'),
  site(27, 'mm/rmap.c', 'page_mkclean_one', 'vma', 'MMU_NOTIFY_PROTECTION_PAGE', ['vma'], 'writeback: clean and write-protect a file page'),
  site(28, 'mm/rmap.c', 'try_to_unmap_one', 'vma', C, ['vma'], 'reclaim / migration unmaps a page'),
];

export type EventProfile = 'seed' | 'v5.2';

/** The event a site passes under a profile. */
export function eventOf(site: CatalogSite, profile: EventProfile): NotifierEvent {
  return profile === 'seed' ? site.event : site.v52Event;
}

export function siteById(id: number): CatalogSite | undefined {
  return CATALOG.find((s) => s.id === id);
}
