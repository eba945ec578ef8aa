/**
 * The hugetlb page-table loop shared by __unmap_hugepage_range and
 * hugetlb_change_protection (mm/hugetlb.c, v5.0):
 *   for (; address < end; address += huge_page_size(h)) { ptep = huge_pte_offset(mm, address, sz); if (!ptep) continue; ptl = huge_pte_lock(h, mm, ptep); ...
 * as two steps over the frame locals `vma`, `address`, `end`: the walk to the
 * next address whose PUD has a PMD table, and the PMD-lock acquisition.
 */
import { pmdSize } from './Geometry.js';
import { LockName, canTake } from './locks.js';
import { pmdTableOf } from './pageTable.js';
import type { Step, StepView } from './step/Program.js';
import type { StepCtx } from './step/StepCtx.js';
import { vmaOf } from './vmas.js';

const mmOf = (v: StepView | StepCtx): number => vmaOf(v.s, v.l['vma'] as number).mm;

/** huge_pte_lock of the frame's `address` (the PMD table's lock), or null when the PUD is none. */
export function hugePtlAt(v: StepView | StepCtx): string | null {
  const t = pmdTableOf(v.s, mmOf(v), v.l['address'] as number);
  return t === null ? null : LockName.pmd(t);
}

/** True when the PMD table at the frame's `address` is shared (huge_pmd_unshare would unshare it). */
function sharedPmdTableAt(v: StepView): boolean {
  const t = pmdTableOf(v.s, mmOf(v), v.l['address'] as number);
  return t !== null && v.s.pmdTables[t]!.share > 1;
}

/** `huge_pte_offset`: skip addresses without a PMD table; goes to `huge_pte_lock`, or to `done` at the end. */
export function hugePteOffsetStep(at: string, done: string): Step {
  return {
    label: 'huge_pte_offset',
    at,
    local: true,
    run: (c) => {
      const mm = mmOf(c);
      let a = c.n('address');
      while (a < c.n('end') && pmdTableOf(c.s, mm, a) === null) a += pmdSize(c.g);
      c.l['address'] = a;
      return a < c.n('end') ? 'huge_pte_lock' : done;
    },
  };
}

/**
 * `huge_pte_lock`: takes the PMD lock (kept in local `ptl`) and runs `body` under it; back to the walk when unshared meanwhile.
 * `body` must begin with huge_pmd_unshare (both callers do): a trace names it when the table is shared.
 */
export function hugePteLockStep(at: string, body: (c: StepCtx) => string | undefined): Step {
  return {
    label: 'huge_pte_lock',
    at,
    guard: (v) => {
      const l = hugePtlAt(v);
      return l === null || canTake(v.s, l);
    },
    // the caller's body starts with huge_pmd_unshare, which succeeds on a shared PMD table: name it (it unmaps the whole PUD)
    describe: (v) => (sharedPmdTableAt(v) ? 'huge_pmd_unshare' : undefined),
    run: (c) => {
      const l = hugePtlAt(c);
      if (l === null) return 'huge_pte_offset';
      c.lock(l);
      c.l['ptl'] = l;
      return body(c);
    },
  };
}
