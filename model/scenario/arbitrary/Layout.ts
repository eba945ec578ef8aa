import type { Scalar } from '../../mm/MmState.js';
import type { VmaKind } from './vmaKinds.js';

/** A vma of a drawn layout, by its id (declaration order over all mms). */
export interface LayoutVma {
  readonly id: number;
  readonly mm: number;
  readonly start: number;
  readonly end: number;
  readonly kind: VmaKind;
  /** First pages of the PMD blocks mapped by a huge PMD initially. */
  readonly huge: readonly number[];
}

/** What a site operation needs to know to draw sane arguments. */
export interface Layout {
  /** Pages of each mm's address space. */
  readonly pages: number;
  /** Pages per PMD entry (HPAGE_PMD_NR). */
  readonly ptes: number;
  readonly mms: number;
  readonly vmas: readonly LayoutVma[];
}

export type Args = Record<string, Scalar>;
