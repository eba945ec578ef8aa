import type { Geometry } from '../mm/Geometry.js';
import type { MmSpec, ThreadSpec } from '../scenario/Scenario.js';

/**
 * One memory layout of the sweep: the mms with their vmas and initial
 * mappings in a small geometry, what it is in words, and the facts about it
 * the site paths select on. Vma `i` of the scenario (declaration order over
 * all mms) is `vmas[i]`.
 */
export interface SweepLayout {
  /** Stable short name, part of the configuration id (e.g. `anon-rw@pmd-1`). */
  readonly name: string;
  /** Readable: "vma anon rw [1,3) across PMD boundary 2". */
  readonly text: string;
  readonly geometry: Geometry;
  readonly files?: readonly number[];
  readonly mms: readonly MmSpec[];
  /** Pages each mm maps initially (a mirror starts with these entries). */
  readonly mapped: readonly (readonly number[])[];
  /**
   * Mms no task runs in yet, so no CPU access is generated for them: a
   * fork's child, which dup_mmap builds before the child can run
   * (kernel/fork.c:_do_fork: copy_process -> copy_mm -> dup_mmap, then
   * wake_up_new_task).
   */
  readonly idle?: readonly number[];
  /** Threads the layout needs to become what it says (e.g. the fault that shares a hugetlb PMD table). */
  readonly setup: readonly ThreadSpec[];
  /** Pages of frames the initial mappings hold. */
  readonly frames: number;
  /** The pages of mm 0 an operation targets: [start, end). */
  readonly span: readonly [number, number];
}
