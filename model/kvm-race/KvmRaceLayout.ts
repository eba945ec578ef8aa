import type { KvmRaceOptions } from './KvmRaceOptions.js';

/**
 * The packed state of kvm-race: one Int32Array, used as its own key (the
 * engine hashes number arrays word by word), so fewer words hash faster.
 * This is the engine's speed benchmark, so it does not use immer (the mm
 * model does): states are copied with `slice()` and changed in place.
 *
 * Words, in order:
 * - `P` page words: bits 0..7 the pte, bits 8..15 the spte, each an entry
 *   `present | writable << 1 | pfn << 2` (cleared = 0, as the spec encodes it);
 * - `FREE`: the free-frame bitmask over frames 0..P+F-1;
 * - `GLOBALS`: `count | seq << 8 | mmu_lock << 16 | ptl << 17`;
 * - one word per thread, zap threads first, then mprotect, then fault:
 *   zap/mprotect `pc`; fault `pc | s << 8 | f << 16`.
 */
export type KvmRaceState = Int32Array;

export const PRESENT = 1;
export const WRITABLE = 2;
export const PFN_SHIFT = 2;
export const SPTE_SHIFT = 8;
export const ENTRY_MASK = 0xff;
export const SEQ_SHIFT = 8;
export const MMU_LOCK = 1 << 16;
export const PTL = 1 << 17;
export const BYTE = 0xff;
export const S_SHIFT = 8;
export const F_SHIFT = 16;

/** Fault thread program counters (the spec's steps 1..7, then ended). */
export const FAULT_DONE = 7;

export type ThreadKind = 'zap' | 'mprotect' | 'fault';

/** Word offsets and thread roles for one (P, F, Z, M). */
export class KvmRaceLayout {
  readonly P: number;
  readonly FREE: number;
  readonly GLOBALS: number;
  /** Index of the first thread word. */
  readonly T0: number;
  readonly threads: number;
  readonly words: number;
  /** Invalidator pcs: 0..2 steps 1..3, 3..3+P-1 step 4 per page, then 5, 6, 7, ended. */
  readonly INV_RELEASE_PTL: number;
  readonly INV_END_LOCK: number;
  readonly INV_END_UNLOCK: number;
  readonly INV_DONE: number;
  /** The buggy variant: the fault's re-check ignores `count`. */
  readonly nocount: boolean;
  private readonly opts: KvmRaceOptions;

  constructor(o: KvmRaceOptions) {
    this.opts = o;
    this.P = o.P;
    this.FREE = o.P;
    this.GLOBALS = o.P + 1;
    this.T0 = o.P + 2;
    this.threads = o.Z + o.M + o.F;
    this.words = this.T0 + this.threads;
    this.INV_RELEASE_PTL = 3 + o.P;
    this.INV_END_LOCK = 4 + o.P;
    this.INV_END_UNLOCK = 5 + o.P;
    this.INV_DONE = 6 + o.P;
    this.nocount = o.variant === 'nocount';
  }

  kind(t: number): ThreadKind {
    return t < this.opts.Z ? 'zap' : t < this.opts.Z + this.opts.M ? 'mprotect' : 'fault';
  }

  /** `zap#0`, `mprotect#0`, `fault#1`: the index counts within the kind. */
  threadName(t: number): string {
    const { Z, M } = this.opts;
    return t < Z ? `zap#${t}` : t < Z + M ? `mprotect#${t - Z}` : `fault#${t - Z - M}`;
  }

  /** The page a fault thread faults: fault thread k faults page k mod P. */
  faultPage(t: number): number {
    return (t - this.opts.Z - this.opts.M) % this.opts.P;
  }
}

/** An entry `{present, pfn, writable}` from its byte. */
export function entryText(e: number): string {
  if ((e & PRESENT) === 0) return e === 0 ? 'none' : `invalid(${e})`;
  return `pfn ${e >>> PFN_SHIFT} ${(e & WRITABLE) !== 0 ? 'rw' : 'ro'}`;
}
