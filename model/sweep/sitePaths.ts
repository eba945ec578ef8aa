/**
 * Every path the model has to each of the 28 catalog sites: the operation,
 * the layouts it runs on and its arguments there. What the kernel refuses
 * on a layout (MADV_FREE of a file vma, KSM of a file page, ...) is a
 * `skip` with its reason, never generated.
 */
import type { SweepBounds } from './SweepScope.js';
import type { SweepLayout } from './SweepLayout.js';
import type { OpCall, SitePath } from './SitePath.js';
import {
  PAGE_KINDS,
  coldPmdTableLayout,
  movedBackLayout,
  collapseLayout,
  cowLayout,
  daxPmd,
  daxPud,
  forkLayouts,
  genericLayouts,
  holeLayout,
  hugetlbLayouts,
  hugetlbPrivateLayouts,
  ksmPairLayout,
  textLayout,
  thpLayouts,
} from './sweepLayouts.js';

const pagesOf = (l: SweepLayout): number => l.geometry.ptesPerTable * l.geometry.pmdsPerTable * l.geometry.puds;
const vmasOf = (l: SweepLayout) => l.mms[0]!.vmas;
const isFile = (l: SweepLayout): boolean => vmasOf(l).some((v) => v.file !== undefined && !v.hugetlb);
const allAnon = (l: SweepLayout): boolean => vmasOf(l).every((v) => v.file === undefined);
const isHuge = (l: SweepLayout): boolean => (l.mms[0]!.mappings ?? []).some((m) => m.huge);

/** The generic layouts of the bounds (every kind the scope's variety allows), then THP. */
function generic(b: SweepBounds, keep: (l: SweepLayout) => boolean = () => true, thp = true): SweepLayout[] {
  const kinds = PAGE_KINDS.slice(0, b.kinds).flat();
  const out = kinds.flatMap((k) => genericLayouts(k, b.maxVmas));
  return [...out, ...(thp ? thpLayouts(b.kinds >= 2) : [])].filter(keep);
}

/** Whole span, and its first page alone when the span is longer (a partial range: splits). */
function ranges(l: SweepLayout): [number, number][] {
  const [s, e] = l.span;
  return e - s > 1
    ? [
        [s, e],
        [s + 1, e],
      ]
    : [[s, e]];
}

const mmRange =
  (op: string, extra: Record<string, string> = {}) =>
  (l: SweepLayout): OpCall[] =>
    ranges(l).map(([start, end]) => ({
      args: { mm: 0, start, end, ...extra },
      text: `${op}(mm0, ${start}, ${end}${Object.values(extra)
        .map((v) => `, ${v}`)
        .join('')})`,
    }));

const fixed = (op: string, args: Record<string, number | boolean | string>, text?: string) => (): OpCall[] => [
  { args, text: text ?? `${op}(${Object.values(args).join(', ')})` },
];

/** The file page index mm 0 maps at `addr` (vm_pgoff + the offset in the vma). */
function fileIndexAt(l: SweepLayout, addr: number): number {
  const v = vmasOf(l).find((x) => x.start <= addr && addr < x.end)!;
  return (v.pgoff ?? 0) + addr - v.start;
}

/** The first free place for `len` pages in mm 0 (mremap's target), or -1. */
function freeAt(l: SweepLayout, len: number): number {
  for (let n = 0; n + len <= pagesOf(l); n++) if (vmasOf(l).every((v) => n + len <= v.start || v.end <= n)) return n;
  return -1;
}

function path(
  site: number,
  name: string,
  op: string,
  layouts: (b: SweepBounds) => readonly SweepLayout[],
  calls: (l: SweepLayout) => readonly OpCall[],
  single?: string,
): SitePath {
  return { site, path: name, op, layouts, calls, ...(single !== undefined ? { single } : {}) };
}

/** SitePath.single: why a scope's second site operation is not generated beside these. */
const ONE_FORK = 'a fork copies into the child mm it made (kernel/fork.c:dup_mm): no second fork copies into the same one';
const ONE_KSMD = 'one ksmd thread merges (mm/ksm.c:ksm_scan_thread)';
const ONE_KHUGEPAGED = 'one khugepaged thread collapses (mm/khugepaged.c:khugepaged)';

/** The layout with its shared file pages clean and write-protected (after writeback: the next write faults and dirties them). */
function cleanShared(l: SweepLayout): SweepLayout {
  const mms = l.mms.map((m) => ({ ...m, mappings: (m.mappings ?? []).map((x) => ({ ...x, write: false, dirty: false })) }));
  return { ...l, name: `${l.name}:clean`, text: `${l.text}, clean and write-protected (after writeback)`, mms };
}

/**
 * The mm's owner exits beside an operation that reaches the mm from outside
 * its process: the walkers of model/sites/foreignWalks.ts (ksmd,
 * khugepaged, clear_refs, a uprobe registration) and the rmap walkers
 * (truncate, writeback, reclaim), which find its vmas through a file's
 * i_mmap. Exit waits for the mm's own tasks only, so these meet its last
 * mmput and exit_mmap's teardown (free_pgtables unlinks the vmas from the
 * rmap under its locks).
 */
const exitRacer = (text = "exit: exit_mmap(mm0) (the owner's last mmput)") => [{ spec: { name: 'exit', op: 'exit_mmap', args: { mm: 0 } }, text }];

/** A path with exit as a racer (exitRacer). */
const withExit = (p: SitePath): SitePath => ({ ...p, racers: () => exitRacer() });

const fileIndex =
  (op: string) =>
  (l: SweepLayout): OpCall[] => [{ args: { file: 0, index: l.span[0] }, text: `${op}(file0, index ${l.span[0]})` }];

/**
 * The site operations that free pages through an mmu_gather: munmap (unmap_region), MADV_DONTNEED (zap_page_range),
 * truncate (zap_page_range_single), hugetlbfs hole punching (unmap_hugepage_range), the oom reaper
 * (__oom_reap_task_mm's unmap_page_range).
 */
const GATHERING_OPS: ReadonlySet<string> = new Set(['munmap', 'madvise_dontneed', 'unmap_mapping_pages', 'hugetlbfs_punch_hole', 'oom_reap_task']);

const PATHS: readonly SitePath[] = [
  withExit(path(1, 'clear_refs', 'clear_refs_write', (b) => generic(b), fixed('clear_refs_write', { mm: 0 }, 'clear_refs_write(mm0, CLEAR_REFS_SOFT_DIRTY)'))),
  withExit(path(2, 'uprobe', 'uprobe_write_opcode', () => [textLayout()], fixed('uprobe_write_opcode', { mm: 0, addr: 0 }, 'uprobe_write_opcode(mm0, 0)'))),
  path(
    3,
    'cow_thp_fault_fallback',
    'cpu_access',
    () => [cowLayout(true)],
    fixed('cpu_access', { mm: 0, addr: 0, write: true, thp_alloc_fail: true }, 'cpu write fault mm0 0 on a COW THP, THP allocation fails'),
  ),
  path(4, 'cow_thp_fault', 'cpu_access', () => [cowLayout(true)], fixed('cpu_access', { mm: 0, addr: 0, write: true }, 'cpu write fault mm0 0 on a COW THP')),
  path(5, 'split_pud', 'split_huge_pud_range', () => [daxPud()], fixed('split_huge_pud_range', { vma: 0, addr: 0 }, 'split_huge_pud(vma0, 0)')),
  path(
    6,
    'split_pmd',
    'split_huge_pmd_address',
    (b) => thpLayouts(b.kinds >= 2),
    (l) => [{ args: { vma: 0, addr: l.span[0] }, text: `split_huge_pmd_address(vma0, ${l.span[0]})` }],
  ),
  path(
    6,
    'munmap',
    'munmap',
    (b) => thpLayouts(b.kinds >= 2),
    (l) => mmRange('munmap')(l).slice(1),
  ),
  path(
    6,
    'mprotect',
    'mprotect',
    (b) => thpLayouts(b.kinds >= 2),
    (l) => mmRange('mprotect', { prot: 'r' })(l).slice(1),
  ),
  path(
    6,
    'madvise_dontneed',
    'madvise_dontneed',
    (b) => thpLayouts(b.kinds >= 2),
    (l) => mmRange('madvise_dontneed')(l).slice(1),
  ),
  path(
    7,
    'fork_hugetlb',
    'fork_hugetlb',
    () => [hugetlbPrivateLayouts().fork],
    fixed('fork_hugetlb', { vma: 0, dst_vma: 1 }, 'fork: copy_hugetlb_page_range(mm1 <- mm0)'),
    ONE_FORK,
  ),
  path(
    8,
    'munmap',
    'munmap',
    (b) => hugetlbLayouts(b.kinds >= 2),
    (l) => {
      // hugetlb_vm_op_split refuses a split inside a huge page (-EINVAL, nothing unmapped): only huge-page aligned ranges.
      const h = l.geometry.ptesPerTable;
      const out: OpCall[] = [{ args: { mm: 0, start: l.span[0], end: l.span[1] }, text: `munmap(mm0, ${l.span[0]}, ${l.span[1]})` }];
      if (l.span[1] - l.span[0] > h)
        out.push({ args: { mm: 0, start: l.span[0], end: l.span[0] + h }, text: `munmap(mm0, ${l.span[0]}, ${l.span[0] + h}) (one huge page of the vma)` });
      return out;
    },
  ),
  // hugetlbfs truncate (fs/hugetlbfs/inode.c:hugetlb_vmtruncate) unmaps through hugetlb_vmdelete_list as hole punching
  // does, from the new size to the end of the file; it never calls unmap_mapping_pages.
  path(
    8,
    'truncate',
    'hugetlbfs_punch_hole',
    (b) => hugetlbLayouts(b.kinds >= 2),
    (l) => [{ args: { file: 0, start: 0, end: l.files![0]! }, text: `truncate to 0: hugetlb_vmtruncate(file0) -> hugetlb_vmdelete_list(0, ${l.files![0]!})` }],
  ),
  path(
    8,
    'punch_hole',
    'hugetlbfs_punch_hole',
    (b) => hugetlbLayouts(b.kinds >= 2),
    (l) => [{ args: { file: 0, start: 0, end: l.geometry.ptesPerTable }, text: `hugetlbfs_punch_hole(file0, 0, ${l.geometry.ptesPerTable})` }],
  ),
  path(
    9,
    'cow_hugetlb_fault',
    'cpu_access',
    () => [hugetlbPrivateLayouts().cow],
    fixed('cpu_access', { mm: 0, addr: 0, write: true }, 'cpu write fault mm0 0 on a COW hugetlb page'),
  ),
  path(
    10,
    'mprotect_hugetlb',
    'mprotect_hugetlb',
    (b) => hugetlbLayouts(b.kinds >= 2),
    fixed('mprotect_hugetlb', { vma: 0, write: false }, 'mprotect(vma0, PROT_READ) -> hugetlb_change_protection'),
  ),
  path(
    10,
    'mprotect',
    'mprotect',
    (b) => hugetlbLayouts(b.kinds >= 2).slice(0, 1),
    (l) => [{ args: { mm: 0, start: l.span[0], end: l.span[1], prot: 'r' }, text: `mprotect(mm0, ${l.span[0]}, ${l.span[1]}, PROT_READ)` }],
  ),
  withExit(
    path(
      11,
      'khugepaged',
      'khugepaged_collapse',
      () => [collapseLayout()],
      fixed('khugepaged_collapse', { mm: 0, addr: 0 }, 'khugepaged: collapse_huge_page(mm0, 0)'),
      ONE_KHUGEPAGED,
    ),
  ),
  withExit(
    path(
      12,
      'ksm_write_protect',
      'ksm_cmp_and_merge_page',
      (b) => generic(b, allAnon, false).slice(0, 1),
      (l) => [
        { args: { mm: 0, addr: l.span[0], kmm: -1, kaddr: -1 }, text: `ksmd: cmp_and_merge_page(mm0, ${l.span[0]}) (no stable page: write_protect_page only)` },
      ],
      ONE_KSMD,
    ),
  ),
  withExit(
    path(
      13,
      'ksm_merge',
      'ksm_cmp_and_merge_page',
      () => [ksmPairLayout()],
      fixed('ksm_cmp_and_merge_page', { mm: 0, addr: 0, kmm: 0, kaddr: 1 }, 'ksmd: cmp_and_merge_page(mm0, 0) with page 1 as the KSM page'),
      ONE_KSMD,
    ),
  ),
  // madvise_free_single_vma: MADV_FREE of a file vma is -EINVAL; madvise_free_huge_pmd is not modelled.
  path(14, 'madvise_free', 'madvise_free', (b) => generic(b, (l) => allAnon(l), false), mmRange('madvise_free')),
  path(15, 'fork', 'fork', (b) => forkLayouts(b.kinds >= 2), fixed('fork', { mm: 0, child: 1 }, 'fork(mm0 -> mm1)'), ONE_FORK),
  path(16, 'munmap', 'munmap', (b) => generic(b), mmRange('munmap')),
  path(17, 'madvise_dontneed', 'madvise_dontneed', (b) => generic(b), mmRange('madvise_dontneed')),
  withExit(
    path(
      18,
      'truncate',
      'unmap_mapping_pages',
      (b) => generic(b, isFile, false),
      (l) => [
        {
          args: { file: 0, first: l.span[0], nr: l.span[1] - l.span[0] },
          text: `truncate: unmap_mapping_pages(file0, ${l.span[0]}, ${l.span[1] - l.span[0]})`,
        },
      ],
    ),
  ),
  path(19, 'cow_fault', 'cpu_access', () => [cowLayout(false)], fixed('cpu_access', { mm: 0, addr: 0, write: true }, 'cpu write fault mm0 0 on a COW page')),
  path(20, 'dax_writeback', 'dax_writeback', () => [daxPmd()], fileIndex('dax_writeback')),
  path(21, 'dax_writeback', 'dax_writeback', (b) => generic(b, (l) => isFile(l) && vmasOf(l).every((v) => v.shared), false), fileIndex('dax_writeback')),
  path(
    22,
    'migrate_vma',
    'migrate_vma',
    // and a page two mms share after fork: try_to_unmap and remove_migration_ptes walk the rmap into the other mm
    (b) => [...generic(b, (l) => allAnon(l) && !isHuge(l), false), cowLayout(false)],
    (l) => {
      const v = vmasOf(l)[0]!;
      // The model's walk reads the PMD at `end`: not up to the last page of the address space (as mm-random).
      if (v.end >= pagesOf(l)) return [{ skip: 'migrate_vma up to the last page of the address space (the model walk reads past it)' }];
      return [{ args: { vma: 0, start: v.start, end: v.end }, text: `migrate_vma(vma0, ${v.start}, ${v.end})` }];
    },
  ),
  path(23, 'migrate_vma_hole', 'migrate_vma', () => [holeLayout()], fixed('migrate_vma', { vma: 0, start: 0, end: 1 }, 'migrate_vma(vma0, 0, 1) over a hole')),
  path(
    24,
    'mprotect',
    'mprotect',
    (b) => generic(b),
    // mm/mprotect.c:mprotect_fixup returns at `newflags == oldflags` (no split, no change_protection): a range whose vmas are all
    // read-only already never reaches the site.
    (l) =>
      mmRange('mprotect', { prot: 'r' })(l).map((c) =>
        'args' in c && vmasOf(l).every((v) => v.prot === 'r' || v.end <= Number(c.args['start']) || Number(c.args['end']) <= v.start)
          ? { skip: 'mprotect to the protection the vmas in the range already have (mprotect_fixup: newflags == oldflags)' }
          : c,
      ),
  ),
  {
    // The generic layouts, and a whole PMD entry's table of file pages that reclaim may take (move_normal_pmd's shape).
    ...path(
      25,
      'mremap',
      'mremap',
      (b) => [
        ...generic(b),
        ...PAGE_KINDS.slice(0, b.kinds)
          .flat()
          .filter((k) => k.file)
          .map(coldPmdTableLayout),
        ...PAGE_KINDS.slice(0, b.kinds).flat().map(movedBackLayout),
      ],
      (l) =>
        ranges(l).map(([old, end]): OpCall => {
          const len = end - old;
          // vma_to_resize: old_len > vma->vm_end - addr is -EFAULT (mremap never spans two vmas).
          if (vmasOf(l).filter((v) => v.start < end && old < v.end).length > 1) return { skip: 'mremap of a range over two vmas is -EFAULT (vma_to_resize)' };
          const to = freeAt(l, len);
          return to < 0
            ? { skip: 'mremap: no free place for the target' }
            : { args: { mm: 0, old, len, new: to }, text: `mremap(mm0, ${old}, ${len} -> ${to})` };
        }),
    ),
    // Reclaim takes a page of the moving extent: shrink_page_list -> try_to_unmap -> rmap_walk_file -> try_to_unmap_one (#28), an rmap
    // walker that holds the PTE lock of the table move_normal_pmd moves (F7), or that races the merge and move of the moved-back
    // layout. Only on the cold layouts: on the others the pages are young, and try_to_unmap_one stops at
    // ptep_clear_flush_young_notify before it clears anything.
    racers: (l) => {
      if (!l.name.endsWith(':cold') || !isFile(l)) return [];
      const index = fileIndexAt(l, l.span[0]);
      return [
        {
          spec: { name: 'kswapd', op: 'shrink_page_list', args: { file: 0, index } },
          text: `kswapd: shrink_page_list(file0, index ${index}) -> try_to_unmap_one`,
        },
      ];
    },
  },
  {
    ...path(
      26,
      'oom_reap',
      'oom_reap_task',
      (b) => generic(b),
      (l) =>
        // __oom_reap_task_mm: only vma_is_anonymous(vma) || !(vma->vm_flags & VM_SHARED) is reaped.
        vmasOf(l).every((v) => v.shared)
          ? [{ skip: 'the oom reaper skips shared file vmas (__oom_reap_task_mm)' }]
          : fixed('oom_reap_task', { mm: 0, retries: 1 }, 'oom_reaper: oom_reap_task(mm0)')(),
    ),
    // The victim exits while the reaper runs (mm/oom_kill.c:oom_reap_task_mm races with exit_mmap): mmu_notifier_release, then its own reap.
    racers: () => exitRacer('exit: exit_mmap(mm0) -> mmu_notifier_release, __oom_reap_task_mm'),
    single: 'one oom_reaper thread reaps (mm/oom_kill.c:oom_reaper)',
  },
  // Shared file pages as after a writeback (clean, write-protected): a write dirties them again (the race of #27).
  withExit(
    path(
      27,
      'writeback',
      'write_cache_pages',
      (b) => generic(b, (l) => isFile(l) && vmasOf(l).every((v) => v.shared && v.prot === 'rw'), false).map(cleanShared),
      fileIndex('write_cache_pages'),
    ),
  ),
  withExit(path(28, 'reclaim', 'shrink_page_list', (b) => generic(b, isFile, false), fileIndex('shrink_page_list'))),
  path(
    28,
    'hugetlb_migrate',
    'unmap_and_move_huge_page',
    (b) => hugetlbLayouts(b.kinds >= 2),
    fixed('unmap_and_move_huge_page', { file: 0, index: 0 }, 'migrate: unmap_and_move_huge_page(file0, 0)'),
  ),
];

export const SITE_PATHS: readonly SitePath[] = PATHS.map((p) => (GATHERING_OPS.has(p.op) ? { ...p, gathers: true } : p));
