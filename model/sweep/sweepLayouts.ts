/**
 * The layout families of the sweep. Each places vmas relative to the PMD
 * and PUD boundaries of a small geometry (2 pages per PMD entry, 2 PMD
 * entries per table: PMD boundaries every 2 pages, a PUD boundary at 4):
 * at address 0, just before a PMD boundary, across one, across the PUD
 * boundary, two vmas under one range, whole and partial huge pages (THP,
 * DAX), hugetlb with and without a PMD table shared by two mms, and the
 * shapes fork, COW and KSM need. File vmas map file 0 at pgoff = start, so
 * an address is the same page cache page in every mm.
 */
import type { Geometry } from '../mm/Geometry.js';
import type { MappingSpec, ThreadSpec, VmaSpec } from '../scenario/Scenario.js';
import type { SweepLayout } from './SweepLayout.js';

/** A vma kind of the generic families. */
export interface PageKind {
  readonly name: string;
  readonly prot: 'r' | 'rw';
  readonly file: boolean;
  readonly shared: boolean;
}

const kind = (name: string, prot: 'r' | 'rw', file: boolean, shared: boolean): PageKind => ({ name, prot, file, shared });

/** By scope variety: 1 = anon rw and shared file rw; 2 = + private file rw, anon r; 3 = + shared and private file r. */
export const PAGE_KINDS: readonly (readonly PageKind[])[] = [
  [kind('anon-rw', 'rw', false, false), kind('file-shared-rw', 'rw', true, true)],
  [kind('file-private-rw', 'rw', true, false), kind('anon-r', 'r', false, false)],
  [kind('file-shared-r', 'r', true, true), kind('file-private-r', 'r', true, false)],
];

export const G4: Geometry = { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 };
export const G8: Geometry = { ptesPerTable: 2, pmdsPerTable: 2, puds: 2 };
const G2H: Geometry = { ptesPerTable: 1, pmdsPerTable: 2, puds: 1 };
const G1: Geometry = { ptesPerTable: 1, pmdsPerTable: 1, puds: 1 };

const pagesOf = (g: Geometry): number => g.ptesPerTable * g.pmdsPerTable * g.puds;

function vmaOf(k: PageKind, start: number, end: number): VmaSpec {
  return { start, end, prot: k.prot, ...(k.shared ? { shared: true } : {}), ...(k.file ? { file: 0, pgoff: start } : {}) };
}

const kindText = (k: PageKind): string => k.name.replace(/-/g, ' ');

interface Part {
  readonly k: PageKind;
  readonly start: number;
  readonly end: number;
}

/** One mm, its vmas fully mapped by PTEs (writable where the vma is). */
function plain(name: string, text: string, g: Geometry, parts: readonly Part[]): SweepLayout {
  const vmas = parts.map((p) => vmaOf(p.k, p.start, p.end));
  const mappings: MappingSpec[] = [];
  // A writable PTE of a shared file exists after a write fault, which dirtied it (write-notify).
  for (const p of parts)
    for (let a = p.start; a < p.end; a++)
      mappings.push({ addr: a, ...(p.k.prot === 'rw' ? { write: true } : {}), ...(p.k.prot === 'rw' && p.k.shared ? { dirty: true } : {}) });
  const file = parts.some((p) => p.k.file);
  return {
    name,
    text,
    geometry: g,
    ...(file ? { files: [pagesOf(g)] } : {}),
    mms: [{ vmas, mappings }],
    mapped: [mappings.map((m) => m.addr)],
    setup: [],
    frames: mappings.length,
    span: [parts[0]!.start, parts[parts.length - 1]!.end],
  };
}

/** The generic families over one vma kind (sites that take any vma). */
export function genericLayouts(k: PageKind, maxVmas: number): SweepLayout[] {
  const t = kindText(k);
  const second =
    k.prot === 'rw' ? kind(k.file ? (k.shared ? 'file-shared-r' : 'file-private-r') : 'anon-r', 'r', k.file, k.shared) : kind('anon-rw', 'rw', false, false);
  const out = [
    plain(`${k.name}@0`, `vma ${t} [0,1) at address 0`, G4, [{ k, start: 0, end: 1 }]),
    plain(`${k.name}@pmd-1`, `vma ${t} [1,2) just before PMD boundary 2`, G4, [{ k, start: 1, end: 2 }]),
    plain(`${k.name}@across-pmd`, `vma ${t} [1,3) across PMD boundary 2`, G4, [{ k, start: 1, end: 3 }]),
    plain(`${k.name}@across-pud`, `vma ${t} [3,5) across PUD boundary 4`, G8, [{ k, start: 3, end: 5 }]),
  ];
  if (maxVmas >= 2) {
    out.push(
      plain(`${k.name}+${second.name}@0`, `two vmas under one range: ${t} [0,1) and ${kindText(second)} [1,2)`, G4, [
        { k, start: 0, end: 1 },
        { k: second, start: 1, end: 2 },
      ]),
    );
  }
  return out;
}

/**
 * A vma that covers exactly one PMD entry's pages [0,2), both mapped and not
 * referenced since the last scan (old PTEs: reclaim's candidates, which
 * try_to_unmap_one does not skip at ptep_clear_flush_young). mremap of the
 * whole extent moves the PTE table with move_normal_pmd (#25), the shape of F7.
 */
export function coldPmdTableLayout(k: PageKind): SweepLayout {
  const l = plain(`${k.name}@pmd-table:cold`, `vma ${kindText(k)} [0,2), one whole PMD entry's table, pages not referenced lately (reclaim candidates)`, G4, [
    { k, start: 0, end: 2 },
  ]);
  return { ...l, mms: l.mms.map((m) => ({ ...m, mappings: (m.mappings ?? []).map((x) => ({ ...x, young: false })) })) };
}

/**
 * mremap's way back (mm/mmap.c:vma_merge from copy_vma): a vma [0,1) whose
 * second page an earlier mremap moved to [3,4), so the two keep one file
 * offset run (pgoff 0 and 1) and one anon_vma. mremap(3, 1 -> 1) merges
 * the page back into the first vma (vma_merge case 2) and moves its PTE
 * with the rmap locks (copy_vma's need_rmap_locks: 0 <= 1). File pages are
 * not referenced lately (`:cold`: reclaim's candidates, raced by its rmap
 * walker, sitePaths.ts).
 */
export function movedBackLayout(k: PageKind): SweepLayout {
  const part = (start: number, pgoff: number): VmaSpec => ({
    start,
    end: start + 1,
    prot: k.prot,
    pgoff,
    ...(k.shared ? { shared: true } : { anonVma: 0 }),
    ...(k.file ? { file: 0 } : {}),
  });
  const cold = k.file ? { young: false } : {};
  const rw = k.prot === 'rw' ? { write: true, ...(k.shared ? { dirty: true } : {}) } : {};
  return {
    name: `${k.name}@moved-back${k.file ? ':cold' : ''}`,
    text: `vma ${kindText(k)} [0,1) and its next page, moved earlier to [3,4) (one offset run${k.shared ? '' : ', one anon_vma'})${k.file ? ', pages not referenced lately' : ''}`,
    geometry: G4,
    ...(k.file ? { files: [pagesOf(G4)] } : {}),
    mms: [{ vmas: [part(0, 0), part(3, 1)], mappings: [0, 3].map((addr) => ({ addr, ...rw, ...cold })) }],
    mapped: [[0, 3]],
    setup: [],
    frames: 2,
    span: [3, 4],
  };
}

/** A huge PMD at `at` (THP when anonymous, DAX when a shared file) in a vma [start, end). */
function hugeLayout(name: string, text: string, k: PageKind, start: number, end: number, at: number, dirty = false): SweepLayout {
  const mappings: MappingSpec[] = [{ addr: at, huge: true, ...(k.prot === 'rw' ? { write: true } : {}), ...(dirty ? { dirty: true } : {}) }];
  const mapped: number[] = [];
  for (let a = at; a < at + G4.ptesPerTable; a++) mapped.push(a);
  return {
    name,
    text,
    geometry: G4,
    ...(k.file ? { files: [pagesOf(G4)] } : {}),
    mms: [{ vmas: [vmaOf(k, start, end)], mappings }],
    mapped: [mapped],
    setup: [],
    frames: 1,
    span: [at, at + G4.ptesPerTable],
  };
}

const ANON = PAGE_KINDS[0]![0]!;
const SHARED_FILE = PAGE_KINDS[0]![1]!;

/**
 * THP on fault: an anonymous vma [0,2) with VM_HUGEPAGE (MADV_HUGEPAGE), one
 * whole PMD entry, not faulted yet: the first fault of a CPU or of a
 * device's get_user_pages maps a THP (mm/huge_memory.c:do_huge_pmd_anonymous_page;
 * model/mm/fault/doHugePmdAnonymousPage.ts), racing the site operation.
 */
function thpFaultLayout(): SweepLayout {
  return {
    name: 'thp-fault@0',
    text: 'vma anon rw [0,2) with VM_HUGEPAGE, not faulted yet (a fault maps a THP)',
    geometry: G4,
    mms: [{ vmas: [{ ...vmaOf(ANON, 0, 2), thp: true }], mappings: [] }],
    mapped: [[]],
    setup: [],
    frames: 0,
    span: [0, 2],
  };
}

/** THP: a whole huge page at 0, the same vma before its first fault maps one, and a THP at the second PMD entry (at the PMD boundary). */
export function thpLayouts(all: boolean): SweepLayout[] {
  const out = [hugeLayout('thp@0', 'vma anon rw [0,2), one THP (huge PMD) at 0', ANON, 0, 2, 0), thpFaultLayout()];
  if (all) out.push(hugeLayout('thp@pmd-2', 'vma anon rw [2,4), one THP at PMD boundary 2', ANON, 2, 4, 2));
  return out;
}

/** DAX: a shared file vma mapped by a dirty huge PMD. */
export const daxPmd = (): SweepLayout => hugeLayout('dax-pmd@0', 'vma file shared rw (DAX) [0,2), a dirty huge PMD at 0', SHARED_FILE, 0, 2, 0, true);

/** DAX huge PUD: the model's PUD-sized DAX mapping (2 PMD entries of 1 page, one frame). */
export function daxPud(): SweepLayout {
  return {
    name: 'dax-pud@0',
    text: 'vma file shared rw (DAX) [0,2), one huge PUD',
    geometry: G2H,
    files: [2],
    mms: [
      {
        vmas: [vmaOf(SHARED_FILE, 0, 2)],
        mappings: [
          { addr: 0, huge: true, write: true },
          { addr: 1, huge: true, write: true, shareWith: { mm: 0, addr: 0 } },
        ],
      },
    ],
    mapped: [[0, 1]],
    setup: [],
    frames: 1,
    span: [0, 2],
  };
}

/** After fork, before COW: mm 1 maps the same anonymous frames read-only (same anon_vma). */
export function cowLayout(huge: boolean): SweepLayout {
  const end = huge ? 2 : 1;
  const vma: VmaSpec = { start: 0, end, prot: 'rw', anonVma: 0 };
  const m: MappingSpec = { addr: 0, ...(huge ? { huge: true } : {}), write: false };
  return {
    name: huge ? 'cow-thp@0' : 'cow@0',
    text: huge ? 'two mms share a THP [0,2) read-only after fork (COW)' : 'two mms share an anon page [0,1) read-only after fork (COW)',
    geometry: G4,
    mms: [
      { vmas: [vma], mappings: [m] },
      { vmas: [vma], mappings: [{ ...m, shareWith: { mm: 0, addr: 0 } }] },
    ],
    mapped: [huge ? [0, 1] : [0], huge ? [0, 1] : [0]],
    setup: [],
    frames: 1,
    span: [0, end],
  };
}

/** A parent mm and an empty child mm (fork). */
export function forkLayouts(all: boolean): SweepLayout[] {
  const base = [plain('anon-rw@0', '', G4, [{ k: ANON, start: 0, end: 1 }]), ...thpLayouts(false)];
  const out = base.map((l) => ({
    ...l,
    name: `fork:${l.name}`,
    text: `${l.name === 'thp@0' ? 'vma anon rw [0,2) mapped by a THP' : l.name === 'thp-fault@0' ? l.text : 'vma anon rw [0,1) at 0'}; an empty child mm`,
    mms: [...l.mms, { vmas: [] }],
    mapped: [...l.mapped, []],
  }));
  if (all) {
    const f = plain('file-private-rw@0', '', G4, [{ k: PAGE_KINDS[1]![0]!, start: 0, end: 1 }]);
    out.push({
      ...f,
      name: 'fork:file-private-rw@0',
      text: 'vma file private rw [0,1) at 0; an empty child mm',
      mms: [...f.mms, { vmas: [] }],
      mapped: [...f.mapped, []],
    });
  }
  return out;
}

const HUGETLB: VmaSpec = { start: 0, end: 2, prot: 'rw', shared: true, hugetlb: true, file: 0 };

/** Hugetlb (shared hugetlbfs file): one huge page, two huge pages, and a PMD table shared by two mms. */
export function hugetlbLayouts(all: boolean): SweepLayout[] {
  const one: SweepLayout = {
    name: 'hugetlb@0',
    text: 'vma hugetlb shared rw [0,2), one huge page at 0',
    geometry: G4,
    files: [4],
    mms: [{ vmas: [HUGETLB], mappings: [{ addr: 0, huge: true, write: true }] }],
    mapped: [[0, 1]],
    setup: [],
    frames: 1,
    span: [0, 2],
  };
  const sharer: ThreadSpec = { name: 'sharer', op: 'cpu_access', args: { mm: 1, addr: 0, write: false } };
  const shared: SweepLayout = {
    name: 'hugetlb-shared-pmd@0',
    text: 'vma hugetlb shared rw [0,2) (two 1-page huge pages, one PUD) in mm0 and mm1; mm1 faults and shares mm0 PMD table (huge_pmd_share)',
    geometry: G2H,
    files: [2],
    mms: [
      {
        vmas: [{ ...HUGETLB }],
        mappings: [
          { addr: 0, huge: true, write: true },
          { addr: 1, huge: true, write: true },
        ],
      },
      { vmas: [{ ...HUGETLB }] },
    ],
    mapped: [[0, 1], []],
    setup: [sharer],
    frames: 2,
    span: [0, 2],
  };
  const out = [one, shared];
  if (all) {
    out.push({
      ...one,
      name: 'hugetlb-2@0',
      text: 'vma hugetlb shared rw [0,4), two huge pages',
      mms: [
        {
          vmas: [{ ...HUGETLB, end: 4 }],
          mappings: [
            { addr: 0, huge: true, write: true },
            { addr: 2, huge: true, write: true },
          ],
        },
      ],
      mapped: [[0, 1, 2, 3]],
      frames: 2,
      span: [0, 4],
    });
  }
  return out;
}

/** Private hugetlb: mm1 shares the huge page read-only after fork (COW), and a parent with an empty child vma (fork). */
export function hugetlbPrivateLayouts(): { cow: SweepLayout; fork: SweepLayout } {
  const vma: VmaSpec = { start: 0, end: 1, prot: 'rw', hugetlb: true, file: 0 };
  return {
    cow: {
      name: 'hugetlb-private-cow@0',
      text: 'vma hugetlb private rw [0,1) in two mms sharing the huge page read-only (COW)',
      geometry: G1,
      files: [1],
      mms: [
        { vmas: [vma], mappings: [{ addr: 0, huge: true, write: false }] },
        { vmas: [{ ...vma, anonVma: 0 }], mappings: [{ addr: 0, huge: true, write: false, shareWith: { mm: 0, addr: 0 } }] },
      ],
      mapped: [[0], [0]],
      setup: [],
      frames: 1,
      span: [0, 1],
    },
    fork: {
      name: 'hugetlb-private-fork@0',
      text: 'vma hugetlb private rw [0,1) mapped writable; the child vma of a fork in mm1',
      geometry: G1,
      files: [1],
      mms: [{ vmas: [vma], mappings: [{ addr: 0, huge: true, write: true }] }, { vmas: [{ ...vma, anonVma: 0 }] }],
      // the child: copy_hugetlb_page_range fills it before it runs (a CPU access there is no kernel interleaving)
      idle: [1],
      mapped: [[0], []],
      setup: [],
      frames: 1,
      span: [0, 1],
    },
  };
}

/** Special shapes: a text page (uprobes), a hole (migrate into it), a KSM pair, a collapsible PMD block. */
export const textLayout = (): SweepLayout => ({
  ...plain('text@0', 'vma file private r [0,1) (text) at 0', G4, [{ k: kind('file-private-r', 'r', true, false), start: 0, end: 1 }]),
  files: [4],
});

export function holeLayout(): SweepLayout {
  return {
    name: 'hole@0',
    text: 'vma anon rw [0,1) at 0, nothing mapped (a hole)',
    geometry: G4,
    mms: [{ vmas: [vmaOf(ANON, 0, 1)] }],
    mapped: [[]],
    setup: [],
    frames: 0,
    span: [0, 1],
  };
}

export function ksmPairLayout(): SweepLayout {
  const l = plain('ksm-pair@0', 'vma anon rw [0,2): page 0 writable, page 1 read-only (the KSM candidate and the stable page)', G4, [
    { k: ANON, start: 0, end: 2 },
  ]);
  return {
    ...l,
    mms: [
      {
        vmas: l.mms[0]!.vmas,
        mappings: [
          { addr: 0, write: true },
          { addr: 1, write: false },
        ],
      },
    ],
  };
}

export const collapseLayout = (): SweepLayout =>
  plain('anon-rw@pmd-0', 'vma anon rw [0,2), one PMD block mapped by two PTEs', G4, [{ k: ANON, start: 0, end: 2 }]);
