/**
 * The arguments notifier dispatch passes to a mirror's callback programs
 * (model/mm/notifier/callbackProgram.ts) and the device access to a fault
 * program: the declared locals of those programs start from these.
 */

/** invalidate_range_start / invalidate_range_end: the mirror and this thread's range index. */
export interface RangeArgs {
  readonly m: number;
  readonly r: number;
}

/** invalidate_range (secondary TLB flush). */
export interface InvalidateRangeArgs {
  readonly m: number;
  readonly mm: number;
  readonly start: number;
  readonly end: number;
}

/** change_pte: the new PTE's frame and write bit. */
export interface ChangePteArgs {
  readonly m: number;
  readonly addr: number;
  readonly frame: number;
  readonly write?: boolean;
}

/** release (mm teardown). */
export interface ReleaseArgs {
  readonly m: number;
}

/** `<kind>.fault`: fill the device entry of one page. */
export interface FaultArgs {
  readonly m: number;
  readonly addr: number;
  readonly write?: boolean;
}

/**
 * The arguments a callback requires (Program.params): dispatch always passes
 * them, and `mnc ops` lists them as required (programArgs.ts).
 */
export const RANGE_PARAMS = ['m', 'r'] as const;

/** The locals of a start/end callback: its arguments. */
export const rangeLocals = (a: RangeArgs) => ({ m: a.m, r: a.r });
