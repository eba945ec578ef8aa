/**
 * mm/page_vma_mapped.c:page_vma_mapped_walk (v5.0) for a small page, as the
 * rmap sites use it: find the PTE of `vma` at `address` that maps `page`,
 * and return with that PTE table's lock held (`map_pte` + `spin_lock`);
 * `page_vma_mapped_walk_done` (or the next call, for a small page) drops it.
 *
 *   check_pte(): pte_present(*pvmw->pte) && pte_pfn == page_to_pfn(page)
 *   (PVMW_MIGRATION: is_migration_entry && migration_entry_to_page == page)
 *
 * A hugetlb page (PMD-sized, a `huge` frame): huge_pte_offset gives the PMD
 * entry, and the lock is huge_pte_lockptr, the PMD table's lock:
 *
 *   if (unlikely(PageHuge(pvmw->page))) { pvmw->pte = huge_pte_offset(mm, pvmw->address, page_size(page));
 *       if (!pvmw->pte) return false; pvmw->ptl = huge_pte_lockptr(...); spin_lock(pvmw->ptl);
 *       if (!check_pte(pvmw)) return not_found(pvmw); return true; }
 *
 * The step that takes the lock guards on `pvmwCanLock` (no table: nothing
 * to lock, the walk finds nothing) and calls `pvmwLock`, which returns the
 * lock taken or null (not found: no lock held).
 */
import { LockName, canTake } from '../mm/locks.js';
import type { Locals, MmState, Pte, Scalar } from '../mm/MmState.js';
import { pteIndex } from '../mm/Geometry.js';
import { mutPteTable } from '../mm/mutate.js';
import { pmdAt, pmdTableOf, pteAt, pteTableOf, setPte } from '../mm/pageTable.js';
import type { Ctx, StepBuilder, TargetsOf, TypedStep } from '../mm/step/defineProgram.js';
import type { Step, StepCtx } from '../mm/step/Program.js';

/** The split PTE lock covering address in mm, or null when no PTE table maps it. */
export function ptlOf(s: MmState, mm: number, address: number): string | null {
  const t = pteTableOf(s, mm, address);
  return t === null ? null : LockName.ptl(t);
}

/** The lock the walk takes for `page` at address: the PMD table's for a hugetlb page, else the PTE table's; null when there is no table. */
export function walkLockOf(s: MmState, mm: number, address: number, page = -1): string | null {
  if (page >= 0 && s.frames[page]!.huge) {
    const t = pmdTableOf(s, mm, address);
    return t === null ? null : LockName.pmd(t);
  }
  return ptlOf(s, mm, address);
}

/** Guard: the walk can run now (no table, or its lock is free). */
export function pvmwCanLock(s: MmState, mm: number, address: number, page = -1): boolean {
  const l = walkLockOf(s, mm, address, page);
  return l === null || canTake(s, l);
}

/** check_pte: the PTE maps `page` (present, or a migration entry when `migration`). */
export function pteMapsPage(p: Pte, page: number, migration = false): boolean {
  if (p === null) return false;
  if (p.kind === 'present') return p.frame === page;
  return migration && p.kind === 'migration' && p.frame === page;
}

/**
 * map_pte + check_pte: takes the PTE lock and returns its name when the PTE at
 * address maps `page`; null (no lock held) when it does not. A huge PMD
 * mapping is outside this model of the walk (ModelError).
 */
export function pvmwLock(c: StepCtx<object>, mm: number, address: number, page: number, migration = false): string | null {
  const e = pmdAt(c.s, mm, address);
  if (c.s.frames[page]!.huge) {
    const hl = walkLockOf(c.s, mm, address, page);
    if (hl === null) return null;
    c.lock(hl);
    const hit = e !== null && e.kind !== 'table' && e.frame === page && (e.kind === 'huge' || migration);
    if (hit) return hl;
    c.unlock(hl);
    return null;
  }
  if (e !== null && e.kind !== 'table') c.fail(`page_vma_mapped_walk: PMD-mapped page at ${address} is not modelled here`);
  const l = ptlOf(c.s, mm, address);
  if (l === null) return null;
  c.lock(l);
  if (pteMapsPage(pteAt(c.s, mm, address), page, migration)) return l;
  c.unlock(l); // not_found(): page_vma_mapped_walk_done
  return null;
}

const WALK_AT = 'mm/page_vma_mapped.c:page_vma_mapped_walk';

/** The locals a walk step keeps: the walked mm and the lock it holds (`ptl`, '' when none). */
export interface WalkLocals {
  mm: number;
  ptl: string;
}

/** A step context whose locals may hold the walk's `ptl` (any program's, typed or not). */
type PtlCtx = StepCtx<{ readonly ptl?: Scalar }>;

/**
 * The `page_vma_mapped_walk` step: waits for the PTE lock, takes it when the
 * PTE at `addr` of local `mm` maps `page` (kept in local `ptl`), else goes to
 * `notFound` holding nothing. `before` runs first (e.g. `err = -EAGAIN`).
 *
 *   pvmwStep($, 'out_mn', (l) => l.page, (l) => l.address)
 *
 * The untyped form (a Step reading the locals named `page` and `addr`) stays
 * until its last caller is a typed program.
 */
export function pvmwStep<L extends WalkLocals, const N extends string>(
  $: StepBuilder<L>,
  notFound: N,
  page: (l: Readonly<L>) => number,
  addr: (l: Readonly<L>) => number,
  before?: (c: Ctx<L>) => void,
): TypedStep<'page_vma_mapped_walk', TargetsOf<N>>;
export function pvmwStep(notFound: string, page?: string, addr?: string, before?: (c: StepCtx) => void): Step;
export function pvmwStep(...a: unknown[]): unknown {
  if (typeof a[0] !== 'string') {
    const [$, notFound, page, addr, before] = a as Parameters<typeof typedWalkStep<WalkLocals, string>>;
    return typedWalkStep($, notFound, page, addr, before);
  }
  // untyped callers (until they are typed programs): the locals named `page` and `addr`, and `mm`, `ptl`
  const [notFound, page = 'page', addr = 'address', before] = a as [string, string?, string?, ((c: StepCtx) => void)?];
  const num = (l: Locals, k: string): number => Number(l[k]);
  return {
    label: 'page_vma_mapped_walk',
    at: WALK_AT,
    guard: (v) => pvmwCanLock(v.s, num(v.l, 'mm'), num(v.l, addr), num(v.l, page)),
    run: (c) => {
      before?.(c);
      const l = pvmwLock(c, num(c.l, 'mm'), num(c.l, addr), num(c.l, page));
      if (l === null) return notFound;
      Object.assign(c.l, { ptl: l });
      return undefined;
    },
  } satisfies Step;
}

function typedWalkStep<L extends WalkLocals, const N extends string>(
  $: StepBuilder<L>,
  notFound: N,
  page: (l: Readonly<L>) => number,
  addr: (l: Readonly<L>) => number,
  before?: (c: Ctx<L>) => void,
): TypedStep<'page_vma_mapped_walk', TargetsOf<N>> {
  return $.step('page_vma_mapped_walk', {
    at: WALK_AT,
    guard: (v) => pvmwCanLock(v.s, v.l.mm, addr(v.l), page(v.l)),
    run: (c) => {
      before?.(c);
      const l = pvmwLock(c, c.l.mm, addr(c.l), page(c.l));
      if (l === null) return notFound;
      c.l.ptl = l;
      return undefined;
    },
  });
}

/** A step that drops the page-table lock kept in local `ptl` (`pte_unmap_unlock`, `spin_unlock(ptl)`), then falls through. */
export function unlockPtlStep<L extends { ptl: string }, const Lb extends string>($: StepBuilder<L>, label: Lb, at?: string): TypedStep<Lb, never>;
export function unlockPtlStep(label: string, at: string): Step;
export function unlockPtlStep(...a: unknown[]): unknown {
  if (typeof a[0] === 'string') return unlockPtl(a[0], a[1] as string);
  const [$, label, at] = a as [StepBuilder<{ ptl: string }>, string, string?];
  return $.step(label, {
    ...(at === undefined ? {} : { at }),
    run: (c) => {
      c.unlock(c.l.ptl);
      c.l.ptl = '';
      return undefined;
    },
  });
}

/** The untyped unlockPtlStep. */
function unlockPtl(label: string, at: string): Step {
  return {
    label,
    at,
    run: (c) => {
      c.unlock(String(c.l.ptl));
      Object.assign(c.l, { ptl: '' });
      return undefined;
    },
  };
}

/** `page_vma_mapped_walk_done` (or the loop's next call, for one page): drops the lock kept in local `ptl`. */
export function pvmwDoneStep<L extends { ptl: string }>($: StepBuilder<L>): TypedStep<'page_vma_mapped_walk_done', never>;
export function pvmwDoneStep(): Step;
export function pvmwDoneStep($?: StepBuilder<{ ptl: string }>): unknown {
  return $ === undefined ? unlockPtl('page_vma_mapped_walk_done', WALK_AT) : unlockPtlStep($, 'page_vma_mapped_walk_done', WALK_AT);
}

/** The PTE table whose lock the walk holds (local `ptl` = `pteN.ptl`), or null. */
function heldTable(c: PtlCtx): number | null {
  const m = /^pte(\d+)\.ptl$/.exec(String(c.l.ptl ?? ''));
  return m ? Number(m[1]) : null;
}

/**
 * `*pvmw.pte`: the walk holds a pointer into the PTE table it locked, not an
 * address. mremap's move_normal_pmd moves that table to another address
 * under the PMD locks only, and the walker's later reads and writes still go
 * to the same table slot (as in the kernel). Falls back to the address when
 * no PTE table lock is held.
 */
export function walkPte(c: PtlCtx, mm: number, address: number): Pte {
  const t = heldTable(c);
  return t === null ? pteAt(c.s, mm, address) : c.s.pteTables[t]!.ptes[pteIndex(c.g, address)]!;
}

/** set_pte_at / pte_clear through `pvmw.pte` (see walkPte). */
export function setWalkPte(c: PtlCtx, mm: number, address: number, pte: Pte): void {
  const t = heldTable(c);
  if (t === null) return setPte(c.s, mm, address, pte);
  mutPteTable(c.s, t).ptes[pteIndex(c.g, address)] = pte;
}
