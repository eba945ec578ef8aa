/**
 * Bounds of a sweep: how far each dimension of the configuration space
 * goes. The named scopes grow from `small` (the nightly default on one
 * machine) to `large`; explicit bounds (`--max-vmas` ...) override a scope's.
 */
export interface SweepBounds {
  /** Most vmas in a layout (over all mms). */
  readonly maxVmas: number;
  /** Most mirrors on the mm (1 or 2). */
  readonly maxMirrors: number;
  /** Most threads: the site operation and the accesses (a layout's setup threads, e.g. the fault that shares a PMD table, are not counted). */
  readonly maxThreads: number;
  /** Layout variety: 1 = one vma kind per family (anon rw, shared file rw), 2 = + private file and read-only, 3 = every kind. */
  readonly kinds: number;
  /** Two mirrors: on the first layout of each path only (`first`), or on every layout (`all`). */
  readonly pairs: 'first' | 'all';
  /** Most access threads beside the site operation when there are two mirrors. */
  readonly pairAccesses: number;
  /** Accesses race from every mm that maps the memory (CPU), not only through the mirrors. */
  readonly cpu: boolean;
  /** A second site operation on the same mm (the same operation again). */
  readonly secondOp: boolean;
}

/**
 * The suffix of a layout's name in the ids of its configurations with a full mmu_gather batch: every scope has each
 * configuration of an operation that frees pages through an mmu_gather (SitePath.gathers) again with the batch full at
 * every page it gathers (scenario `gatherBatch: 1`: v5.0 under memory pressure, model/mm/tlb.ts).
 */
export const FULL_GATHER = '+full-gather';
/** What their layout text adds (the triage of properties/knownFindings.ts reads it). */
export const FULL_GATHER_TEXT = 'the mmu_gather batch full at each page';

export type ScopeName = 'small' | 'medium' | 'large';

export const SCOPES: Readonly<Record<ScopeName, SweepBounds>> = {
  small: { maxVmas: 2, maxMirrors: 2, maxThreads: 2, kinds: 1, pairs: 'first', pairAccesses: 0, cpu: false, secondOp: false },
  medium: { maxVmas: 3, maxMirrors: 2, maxThreads: 3, kinds: 2, pairs: 'all', pairAccesses: 1, cpu: true, secondOp: false },
  large: { maxVmas: 4, maxMirrors: 2, maxThreads: 4, kinds: 3, pairs: 'all', pairAccesses: 2, cpu: true, secondOp: true },
};

export const SCOPE_NAMES = Object.keys(SCOPES) as ScopeName[];
