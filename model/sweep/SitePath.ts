import type { Scalar } from '../mm/MmState.js';
import type { ThreadSpec } from '../scenario/Scenario.js';
import type { SweepBounds } from './SweepScope.js';
import type { SweepLayout } from './SweepLayout.js';

/** The arguments of one site operation on a layout, in words; or why the kernel cannot run it there. */
export type OpCall = { readonly args: Readonly<Record<string, Scalar>>; readonly text: string; readonly thread?: string } | { readonly skip: string };

/**
 * One way the model reaches a catalog site: the operation a thread runs
 * (a registered program), the layouts it runs on, and its arguments on
 * each. A site reached from several operations (munmap, truncate, hole
 * punching) has one path per operation.
 */
export interface SitePath {
  readonly site: number;
  /** Short name of the operation path, e.g. `munmap`, `truncate`, `punch_hole`. */
  readonly path: string;
  /** The registered program the site thread runs. */
  readonly op: string;
  layouts(b: SweepBounds): readonly SweepLayout[];
  /** The calls on a layout (several: whole and partial ranges). */
  calls(l: SweepLayout): readonly OpCall[];
  /** Other threads of the kernel that race with this operation on the layout (counted as accesses). */
  racers?(l: SweepLayout): readonly { readonly spec: ThreadSpec; readonly text: string }[];
  /**
   * Why no second instance of this operation runs beside the first (one kernel thread does it, or each
   * instance makes its own object): a scope's second site operation (`secondOp`) is then not generated.
   */
  readonly single?: string;
  /** The operation frees pages through an mmu_gather (zap_pte_range, zap_huge_pmd, __unmap_hugepage_range): each configuration comes again with the batch full (SweepScope.ts FULL_GATHER). */
  readonly gathers?: boolean;
}
