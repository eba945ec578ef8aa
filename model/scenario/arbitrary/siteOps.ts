/**
 * The site operations a drawn scenario may run (registered site programs,
 * model/sites/), each with what it needs of the layout and how it maps the
 * drawn numbers to sane arguments: ranges inside the address space, a vma
 * id, an address of that vma, the file a file vma maps.
 */
import type { Args, Layout, LayoutVma } from './Layout.js';
import type { OpDraw } from './MmDraw.js';

/** `file`: some vma maps file 0; `hugetlb`: a hugetlbfs vma; `thp`: a huge PMD on an anonymous vma; `child`: a second mm without vmas (fork). */
export type OpNeed = 'file' | 'hugetlb' | 'thp' | 'child';

export interface SiteOp {
  /** The registered program a thread runs. */
  readonly op: string;
  readonly needs?: OpNeed;
  /** The program does not handle hugetlb vmas (another program does): the layout draws none. */
  readonly noHugetlb?: boolean;
  /** The program does not handle a huge PMD on a non-hugetlb vma (THP, DAX): the layout maps none. */
  readonly noThp?: boolean;
  /** Whether the arguments can fit this layout (default: always); else the draw runs the first operation. */
  applies?(l: Layout): boolean;
  args(l: Layout, d: OpDraw): Args;
}

/** A range [start, end) of at least one page inside the address space. */
function range(l: Layout, a: number, b: number): { start: number; end: number } {
  const start = a % l.pages;
  return { start, end: start + 1 + (b % (l.pages - start)) };
}

/** The n-th vma (modulo) among those that satisfy keep (else among all). */
function vmaOf(l: Layout, n: number, keep: (v: LayoutVma) => boolean = () => true): LayoutVma {
  const some = l.vmas.filter(keep);
  const from = some.length > 0 ? some : l.vmas;
  return from[n % from.length]!;
}

/** An address of vma v (aligned to a PMD block when `aligned`, clamped into the vma). */
function addrIn(l: Layout, v: LayoutVma, n: number, aligned = false): number {
  const a = v.start + (n % (v.end - v.start));
  return aligned ? Math.max(v.start, a - (a % l.ptes)) : a;
}

const mmRange = (op: string, extra: (d: OpDraw) => Args = () => ({})): SiteOp => ({
  op,
  args: (l, d) => ({ mm: d.a % l.mms, ...range(l, d.b, d.c), ...extra(d) }),
});

const fileIndex = (op: string, hugetlb: boolean): SiteOp => ({
  op,
  needs: hugetlb ? 'hugetlb' : 'file',
  args: (l, d) => {
    const v = vmaOf(l, d.a, (x) => x.kind.file && x.kind.hugetlb === hugetlb);
    return { file: hugetlb ? 1 : 0, index: addrIn(l, v, d.b, hugetlb) };
  },
});

/** An anonymous vma migrate_vma can take (it must not reach the last page, see below). */
const migratable =
  (l: Layout) =>
  (v: LayoutVma): boolean =>
    !v.kind.file && v.start < l.pages - 1;

export const SITE_OPS: readonly SiteOp[] = [
  mmRange('madvise_dontneed'),
  mmRange('munmap'),
  // PROT_NONE is not modelled by the mprotect site.
  mmRange('mprotect', (d) => ({ prot: ['r', 'rw'][d.a % 2]! })),
  // madvise_free_huge_pmd is not modelled by the madvise_free site.
  { ...mmRange('madvise_free'), noThp: true },
  // dup_mmap's hugetlb path is the separate fork_hugetlb program (copy_hugetlb_page_range).
  { op: 'fork', needs: 'child', noHugetlb: true, args: () => ({ mm: 0, child: 1 }) },
  {
    // vma_to_resize refuses hugetlb vmas (-EINVAL); the mremap site does not model that path.
    op: 'mremap',
    noHugetlb: true,
    args: (l, d) => {
      const v = vmaOf(l, d.a);
      const old = addrIn(l, v, d.b);
      const len = 1 + (d.c % (v.end - old));
      return { mm: v.mm, old, len, new: (d.a + d.c) % (l.pages - len + 1) };
    },
  },
  { op: 'oom_reap_task', args: (l, d) => ({ mm: d.a % l.mms, retries: 1 + (d.b % 2) }) },
  { op: 'clear_refs_write', args: (l, d) => ({ mm: d.a % l.mms }) },
  {
    // migrate_vma_collect_pmd's split of a huge PMD is not modelled.
    op: 'migrate_vma',
    noThp: true,
    applies: (l) => l.vmas.some(migratable(l)),
    args: (l, d) => {
      const v = vmaOf(l, d.a, migratable(l));
      // Not up to the last page of the address space: the model's walk then reads the PMD at
      // `end` (a ModelError, address outside the address space), reported to the site's author.
      const top = Math.min(v.end, l.pages - 1);
      const start = v.start + (d.b % (top - v.start));
      return { vma: v.id, start, end: start + 1 + (d.c % (top - start)) };
    },
  },
  {
    op: 'khugepaged_collapse',
    args: (l, d) => {
      const v = vmaOf(l, d.a, (x) => !x.kind.file);
      return { mm: v.mm, addr: addrIn(l, v, d.b, true) };
    },
  },
  {
    // Where a huge PMD maps (the site model needs the PMD table present).
    op: 'split_huge_pmd_address',
    needs: 'thp',
    args: (l, d) => {
      const v = vmaOf(l, d.a, (x) => x.huge.length > 0 && !x.kind.hugetlb);
      return { vma: v.id, addr: v.huge[d.b % v.huge.length] ?? v.start };
    },
  },
  {
    op: 'ksm_cmp_and_merge_page',
    args: (l, d) => {
      const v = vmaOf(l, d.a, (x) => !x.kind.file);
      return { mm: v.mm, addr: addrIn(l, v, d.b), kmm: -1, kaddr: -1 };
    },
  },
  {
    op: 'uprobe_write_opcode',
    needs: 'file',
    args: (l, d) => {
      const v = vmaOf(l, d.a, (x) => x.kind.file && !x.kind.hugetlb);
      return { mm: v.mm, addr: addrIn(l, v, d.b) };
    },
  },
  // write_cache_pages: page_mkclean_one of a PMD-mapped page (a DAX PMD here) is not modelled, and a DAX
  // file is written back by dax_writeback_mapping_range (the dax_writeback op), never write_cache_pages.
  { ...fileIndex('write_cache_pages', false), noThp: true },
  // try_to_unmap_one of a THP is not modelled by the reclaim site.
  { ...fileIndex('shrink_page_list', false), noThp: true },
  fileIndex('dax_writeback', false),
  {
    op: 'unmap_mapping_pages',
    needs: 'file',
    args: (l, d) => {
      const r = range(l, d.a, d.b);
      return { file: 0, first: r.start, nr: r.end - r.start };
    },
  },
  {
    op: 'hugetlbfs_punch_hole',
    needs: 'hugetlb',
    args: (l, d) => {
      const s = (d.a % l.pages) - ((d.a % l.pages) % l.ptes);
      return { file: 1, start: s, end: Math.min(l.pages, s + l.ptes * (1 + (d.b % 2))) };
    },
  },
  { op: 'mprotect_hugetlb', needs: 'hugetlb', args: (l, d) => ({ vma: vmaOf(l, d.a, (x) => x.kind.hugetlb).id, write: d.b % 2 === 1 }) },
  fileIndex('unmap_and_move_huge_page', true),
];
