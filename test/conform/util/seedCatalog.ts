import type { KnownSite } from '../../../src/conform/KnownSite.js';

/**
 * A fixture catalog of the 28 seed sites (kernel-notes' table), so the
 * engine's tests do not depend on the model's catalog.
 */
const ROWS: readonly [string, string, string, readonly string[]][] = [
  ['fs/proc/task_mmu.c', 'clear_refs_write', 'NULL', ['vma']],
  ['kernel/events/uprobes.c', '__replace_page', 'vma', ['vma']],
  ['mm/huge_memory.c', 'do_huge_pmd_wp_page_fallback', 'vma', ['vma']],
  ['mm/huge_memory.c', 'do_huge_pmd_wp_page', 'vma', ['vma']],
  ['mm/huge_memory.c', '__split_huge_pud', 'vma', ['vma']],
  ['mm/huge_memory.c', '__split_huge_pmd', 'vma', ['vma']],
  ['mm/hugetlb.c', 'copy_hugetlb_page_range', 'vma', ['vma']],
  ['mm/hugetlb.c', '__unmap_hugepage_range', 'vma', ['vma']],
  ['mm/hugetlb.c', 'hugetlb_cow', 'vma', ['vma']],
  ['mm/hugetlb.c', 'hugetlb_change_protection', 'vma', ['vma']],
  ['mm/khugepaged.c', 'collapse_huge_page', 'NULL', ['vma']],
  ['mm/ksm.c', 'write_protect_page', 'vma', ['vma']],
  ['mm/ksm.c', 'replace_page', 'vma', ['vma']],
  ['mm/madvise.c', 'madvise_free_single_vma', 'vma', ['vma']],
  ['mm/memory.c', 'copy_page_range', 'vma', ['vma']],
  ['mm/memory.c', 'unmap_vmas', 'vma', ['vma']],
  ['mm/memory.c', 'zap_page_range', 'vma', ['vma']],
  ['mm/memory.c', 'zap_page_range_single', 'vma', ['vma']],
  ['mm/memory.c', 'wp_page_copy', 'vma', ['vma']],
  ['mm/memory.c', '__follow_pte_pmd', 'NULL', []],
  ['mm/memory.c', '__follow_pte_pmd', 'NULL', []],
  ['mm/migrate.c', 'migrate_vma_collect', 'NULL', ['migrate->vma']],
  ['mm/migrate.c', 'migrate_vma_pages', 'NULL', ['migrate->vma']],
  ['mm/mprotect.c', 'change_pmd_range', 'vma', ['vma']],
  ['mm/mremap.c', 'move_page_tables', 'vma', ['vma', 'new_vma']],
  ['mm/oom_kill.c', '__oom_reap_task_mm', 'vma', ['vma']],
  ['mm/rmap.c', 'page_mkclean_one', 'vma', ['vma']],
  ['mm/rmap.c', 'try_to_unmap_one', 'vma', ['vma']],
];

export const SEED_CATALOG: readonly KnownSite[] = ROWS.map(([file, fn, vma, scope], k) => ({
  id: String(k + 1),
  file,
  function: fn,
  event: 'MMU_NOTIFY_UNMAP',
  vma,
  vmaInScope: scope,
}));
