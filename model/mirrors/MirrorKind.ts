/**
 * A kind of secondary MMU ("mirror"): its state, its notifier callbacks
 * (programs named `<kind>.invalidate_range_start` etc., see
 * model/mm/notifier/callbackProgram.ts) and its fault program `<kind>.fault`
 * {m, addr, write} that fills one device entry; the generic `device_access`
 * thread uses the entry or calls the fault.
 *
 * Every mirror state has `entries`: one slot per page of its mm, the device's
 * translation (frame, the frame's allocation generation when installed,
 * writable). The properties compare these with the CPU page table.
 *
 * Each kind declares its state as a type (a `type`, not an `interface`: an
 * object type is a MirrorState, the model's open record, without a cast) and
 * reads it through mirrorState.ts's checked accessors, never by field name.
 */
import type { MmState } from '../mm/MmState.js';
import type { MirrorConfig, MirrorState } from '../mm/MmState.js';
import type { Program } from '../mm/step/Program.js';

export interface MirrorEntry {
  readonly frame: number;
  readonly gen: number;
  readonly write: boolean;
}

/** What every mirror state holds (kinds add their fields with `MirrorBase & { ... }`). */
export type MirrorBase = {
  readonly kind: string;
  readonly mm: number;
  readonly entries: readonly (MirrorEntry | null)[];
};

export interface MirrorKind {
  /** e.g. `kvm`, `hmm50`, `hmm52`, `odp`, `gpu`, `sva`, `aware`. */
  readonly kind: string;
  /** One line: what it models. */
  readonly description: string;
  /** The kernel file it follows. */
  readonly source: string;
  /** The initial state (no entries; the scenario may prefill entries coherently). */
  init(cfg: MirrorConfig, pages: number): MirrorBase;
  /** Lock names this mirror owns (created up front). */
  locks(cfg: MirrorConfig): readonly string[];
  /** Callbacks and the fault program. */
  readonly programs: readonly Program[];
  /** Kind-specific scalars for describeState (the model adds entries and the mirror name prefix). */
  describe(m: MirrorState): Readonly<Record<string, string | number | boolean>>;
  /**
   * Bookkeeping that counts invalidations in flight (KVM mmu_notifier_count,
   * HMM notifiers, ODP notifiers_count); 0 when none is in flight.
   * Absent when the kind keeps no such count.
   */
  inFlight?(m: MirrorState): number;
  /**
   * The part of `inFlight` that the kind's ->release raised on purpose and
   * never lowers, read from the flag the kernel sets with it (RDMA ODP: a
   * dying umem, `ib_umem_notifier_release_trampoline` raised its
   * notifiers_count to block every later fault). Absent or 0 otherwise.
   */
  raisedByRelease?(m: MirrorState): number;
  /**
   * A scenario's initial entry for `addr` (mapping `frame`) was installed by
   * the driver: record what it holds, e.g. the page reference of a userptr
   * BO (the GPU mirror). Absent when an entry holds nothing.
   */
  readonly pin?: (s: MmState, m: number, addr: number, frame: number) => void;
}
