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
import type { MmState, Pte } from '../mm/MmState.js';
import { pteIndex } from '../mm/Geometry.js';
import { pmdAt, pmdTableOf, pteAt, pteTableOf, setPte } from '../mm/pageTable.js';
import type { Step } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';

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
export function pvmwLock(c: StepCtx, mm: number, address: number, page: number, migration = false): string | null {
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

/**
 * The `page_vma_mapped_walk` step: waits for the PTE lock, takes it when the
 * PTE at locals[addr] of locals.mm maps locals[page] (kept in local `ptl`),
 * else goes to `notFound` holding nothing. `before` runs first (e.g. `err = -EAGAIN`).
 */
export function pvmwStep(notFound: string, page = 'page', addr = 'address', before?: (c: StepCtx) => void): Step {
  return {
    label: 'page_vma_mapped_walk',
    at: 'mm/page_vma_mapped.c:page_vma_mapped_walk',
    guard: (v) => pvmwCanLock(v.s, v.l['mm'] as number, v.l[addr] as number, v.l[page] as number),
    run: (c) => {
      before?.(c);
      const l = pvmwLock(c, c.n('mm'), c.n(addr), c.n(page));
      if (l === null) return notFound;
      c.l['ptl'] = l;
      return undefined;
    },
  };
}

/** A step that drops the page-table lock kept in local `ptl` (`pte_unmap_unlock`, `spin_unlock(ptl)`), then falls through. */
export function unlockPtlStep(label: string, at: string): Step {
  return {
    label,
    at,
    run: (c) => {
      c.unlock(String(c.l['ptl']));
      c.l['ptl'] = '';
      return undefined;
    },
  };
}

/** `page_vma_mapped_walk_done` (or the loop's next call, for one page): drops the lock kept in local `ptl`. */
export const pvmwDoneStep = (): Step => unlockPtlStep('page_vma_mapped_walk_done', 'mm/page_vma_mapped.c:page_vma_mapped_walk');

/** The PTE table whose lock the walk holds (local `ptl` = `pteN.ptl`), or null. */
function heldTable(c: StepCtx): number | null {
  const m = /^pte(\d+)\.ptl$/.exec(String(c.l['ptl'] ?? ''));
  return m ? Number(m[1]) : null;
}

/**
 * `*pvmw.pte`: the walk holds a pointer into the PTE table it locked, not an
 * address. mremap's move_normal_pmd moves that table to another address
 * under the PMD locks only, and the walker's later reads and writes still go
 * to the same table slot (as in the kernel). Falls back to the address when
 * no PTE table lock is held.
 */
export function walkPte(c: StepCtx, mm: number, address: number): Pte {
  const t = heldTable(c);
  return t === null ? pteAt(c.s, mm, address) : c.s.pteTables[t]!.ptes[pteIndex(c.g, address)]!;
}

/** set_pte_at / pte_clear through `pvmw.pte` (see walkPte). */
export function setWalkPte(c: StepCtx, mm: number, address: number, pte: Pte): void {
  const t = heldTable(c);
  if (t === null) return setPte(c.s, mm, address, pte);
  (c.s.pteTables[t]!.ptes as Pte[])[pteIndex(c.g, address)] = pte;
}
