/**
 * The raw random input of one drawn mm scenario: small numbers that
 * `scenarioOfDraw` maps into a valid Scenario (indices are taken modulo what
 * exists). fast-check shrinks each number towards 0 and each list towards
 * empty, and 0 always means the simplest choice (one page, an anonymous rw
 * vma at address 0, the first kind, no extra thread), so a shrunk draw is a
 * smaller scenario.
 */
export interface VmaDraw {
  readonly start: number;
  readonly len: number;
  /** Index into VMA_KINDS (vmaKinds.ts). */
  readonly kind: number;
  /** Bit i: page start+i is mapped initially. */
  readonly mapped: number;
  /** Bit i: that mapping is writable (when the vma is). */
  readonly write: number;
  /** Map PMD-aligned blocks the vma covers with huge PMDs (THP, DAX or hugetlb). */
  readonly huge: boolean;
}

export interface MirrorDraw {
  /** Index into MIRROR_KINDS (model/mirrors/mirrorKinds.ts). */
  readonly kind: number;
  readonly mm: number;
  /** Bit i: page i starts mirrored (when the CPU maps it). */
  readonly entries: number;
}

export interface AccessDraw {
  /** A CPU access (`cpu_access`) rather than a device access (`device_access` through a mirror). */
  readonly cpu: boolean;
  /** The mm (cpu) or the mirror (device), modulo what exists. */
  readonly target: number;
  readonly addr: number;
  readonly write: boolean;
}

export interface OpDraw {
  /** Index into SITE_OPS (siteOps.ts). */
  readonly op: number;
  /** Argument material, mapped into the layout by the op. */
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

export interface MmDraw {
  /** log2 of ptesPerTable (pages per PMD entry). */
  readonly ptesLog: number;
  /** log2 of pmdsPerTable. */
  readonly pmdsLog: number;
  /** The vmas of each mm (the first mm is never empty once mapped). */
  readonly mms: readonly (readonly VmaDraw[])[];
  readonly mirrors: readonly MirrorDraw[];
  /** Bit i: mm i calls its subscribers in reverse declaration order. */
  readonly order: number;
  readonly op: OpDraw;
  readonly access: readonly AccessDraw[];
  /** Free frames beyond the initial mappings (faults, COW copies, migration targets). */
  readonly spare: number;
}

/** Bounds of the drawn scenarios (each at least its minimum; small: the mm model runs a few thousand transitions a second). */
export interface MmDrawBounds {
  /** Most mms (1..2). */
  readonly mms: number;
  /** Most vmas per mm (1..3). */
  readonly vmas: number;
  /** Most mirrors (0..3). */
  readonly mirrors: number;
  /** Most access threads beside the site operation (0..3). */
  readonly access: number;
  /** Most pages: 1, 2, 4 or 8 (ptesPerTable x pmdsPerTable, one PUD entry). */
  readonly pages: number;
  /** Bit i: MIRROR_KINDS[i] may be drawn (default: every kind; 0: no mirrors). */
  readonly kinds?: number;
  /** Bit i: SITE_OPS[i] may be drawn (default: every operation; at least one). */
  readonly ops?: number;
}

export const DEFAULT_BOUNDS: MmDrawBounds = { mms: 2, vmas: 2, mirrors: 2, access: 2, pages: 4 };
