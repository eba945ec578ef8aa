/**
 * The model contract: all the engine knows of a system under check.
 *
 * A model is deterministic: the same state always yields the same actions in
 * the same order, and the same action always yields the same next state.
 * Traces are stored as action indices and rebuilt by replaying the model, so
 * a model that breaks this rule is reported as non-deterministic.
 */
import type { PartialOrder } from './PartialOrder.js';

export type StateKey = string | ArrayLike<number>;

/** How an action reads in a trace. */
export interface ActionInfo {
  /** The thread (process) that moves, e.g. `zap#0`. */
  readonly thread: string;
  /** The step's label, e.g. `mm/memory.c:zap_page_range:tlb_gather_mmu`. */
  readonly label: string;
  /** A shorter label for text traces (e.g. without the file); `label` when absent. */
  readonly brief?: string;
}

export interface Model<S, A> {
  readonly name: string;
  /** Deterministic initial states, in a fixed order. */
  initialStates(): readonly S[];
  /** Appends the enabled actions of `state` to `out`, in a fixed order. */
  actions(state: S, out: A[]): void;
  /**
   * The successor of `state` under `action` (one of `actions(state)`).
   * Throw a `ModelError` when the scenario misuses the model (it is reported
   * apart from property violations).
   */
  nextState(state: S, action: A): S;
  /** Canonical key: equal states give equal keys. Hashed to a 64-bit fingerprint. */
  key(state: S): StateKey;
  /** True when every thread has ended: a valid end state (no deadlock). */
  isDone(state: S): boolean;
  /** How an action reads in a trace. */
  describeAction(state: S, action: A): ActionInfo;
  /** A flat view of the state (name -> printable value), diffed between trace steps. */
  describeState(state: S): Readonly<Record<string, string | number | boolean>>;
  /**
   * Optional, for deadlock reports: each thread that has not ended and what
   * it waits for (e.g. `b at down_write waits for mm0.mmap_sem (held by a)`).
   */
  describeBlocked?(state: S): readonly string[];
  /** Optional bound: states outside it are checked but not expanded. */
  withinBoundary?(state: S): boolean;
  /** Optional symmetry: a canonical representative of the state's class. */
  representative?(state: S): S;
  /**
   * Optional partial-order hint: true when `action` touches only its thread's
   * own variables (invisible to the properties and independent of every
   * other thread's action). Used by the ample-set reduction.
   */
  isLocal?(state: S, action: A): boolean;
  /**
   * Optional: recorded footprints for the partial-order reduction (`por`):
   * see PartialOrder.ts. Takes precedence over `isLocal`.
   */
  readonly partialOrder?: PartialOrder<S, A, unknown>;
  /**
   * Optional fast path for models whose states are `width` 32-bit words
   * (`S` is an Int32Array): the successor is written into `out`, so the
   * explorer allocates nothing for successors it has seen before and keeps
   * its frontier in one flat buffer. `nextState` must agree with it.
   */
  readonly packed?: PackedStates<S, A>;
}

export interface PackedStates<S, A> {
  readonly width: number;
  nextInto(state: S, action: A, out: Int32Array): void;
}

/** A misuse of the model by a scenario (not a property violation). */
export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelError';
  }
}
