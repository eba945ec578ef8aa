/**
 * The hugetlb page-table loop shared by __unmap_hugepage_range and
 * hugetlb_change_protection (mm/hugetlb.c, v5.0):
 *   for (; address < end; address += huge_page_size(h)) { ptep = huge_pte_offset(mm, address, sz); if (!ptep) continue; ptl = huge_pte_lock(h, mm, ptep); ...
 * as two typed steps over the frame locals `vma`, `address`, `end`, `ptl`:
 * the walk to the next address whose PUD has a PMD table, and the PMD-lock
 * acquisition.
 */
import { pmdSize } from '../mm/Geometry.js';
import { LockName, canTake } from '../mm/locks.js';
import { pmdTableOf } from '../mm/pageTable.js';
import type { AnyGoto, Ctx, StepBuilder, TargetsOf, TypedStep, View } from '../mm/step/defineProgram.js';
import { vmaOf } from '../mm/vmas.js';

/** The locals the walk reads and writes. */
export interface HugeWalkLocals {
  vma: number;
  address: number;
  end: number;
  /** the PMD lock taken by huge_pte_lock */
  ptl: string;
}

type V = View<HugeWalkLocals> | Ctx<HugeWalkLocals>;
const mmOf = (v: V): number => vmaOf(v.s, v.l.vma).mm;

/** huge_pte_lock of the frame's `address` (the PMD table's lock), or null when the PUD is none. */
export function hugePtlAt(v: V): string | null {
  const t = pmdTableOf(v.s, mmOf(v), v.l.address);
  return t === null ? null : LockName.pmd(t);
}

/** True when the PMD table at the frame's `address` is shared (huge_pmd_unshare would unshare it). */
function sharedPmdTableAt(v: V): boolean {
  const t = pmdTableOf(v.s, mmOf(v), v.l.address);
  return t !== null && v.s.pmdTables[t]!.share > 1;
}

/** `huge_pte_offset`: skip addresses without a PMD table; goes to `huge_pte_lock`, or to `done` at the end. */
export function hugePteOffsetStep<L extends HugeWalkLocals, const D extends string>(
  $: StepBuilder<L>,
  at: string,
  done: D,
): TypedStep<'huge_pte_offset', 'huge_pte_lock' | D> {
  const step = $.local(
    'huge_pte_offset',
    (c) => {
      const mm = mmOf(c);
      let a = c.l.address;
      while (a < c.l.end && pmdTableOf(c.s, mm, a) === null) a += pmdSize(c.g);
      c.l.address = a;
      return a < c.l.end ? ('huge_pte_lock' as const) : done;
    },
    at,
  );
  return step as unknown as TypedStep<'huge_pte_offset', 'huge_pte_lock' | D>;
}

/**
 * `huge_pte_lock`: takes the PMD lock (kept in local `ptl`) and runs `body` under it; back to the walk when unshared meanwhile.
 * `body` must begin with huge_pmd_unshare (both callers do): a trace names it when the table is shared.
 */
export function hugePteLockStep<L extends HugeWalkLocals, const R extends AnyGoto>(
  $: StepBuilder<L>,
  at: string,
  body: (c: Ctx<L>) => R,
): TypedStep<'huge_pte_lock', 'huge_pte_offset' | TargetsOf<R>> {
  return $.step('huge_pte_lock', {
    at,
    guard: (v) => {
      const l = hugePtlAt(v);
      return l === null || canTake(v.s, l);
    },
    // the caller's body starts with huge_pmd_unshare, which succeeds on a shared PMD table: name it (it unmaps the whole PUD)
    describe: (v) => (sharedPmdTableAt(v) ? 'huge_pmd_unshare' : undefined),
    run: (c): R | 'huge_pte_offset' => {
      const l = hugePtlAt(c);
      if (l === null) return 'huge_pte_offset';
      c.lock(l);
      c.l.ptl = l;
      return body(c);
    },
  });
}
