import type { Diagnostic } from './Diagnostic.js';
import type { Generation } from './Generation.js';
import type { BareRange, RangeInit } from './RangeInit.js';

/** What a scan of a tree or a patch's images found. */
export interface SourceScan {
  readonly inits: readonly RangeInit[];
  readonly bare: readonly BareRange[];
  /** Skipped files and decoding notes. */
  readonly notes: readonly Diagnostic[];
  /** The generation the header's definitions declare, when the header was seen. */
  readonly headerGeneration: Generation | undefined;
  /** `enum mmu_notifier_event`'s enumerators, when the header was seen. */
  readonly enumerators: readonly string[] | undefined;
  readonly filesScanned: number;
  readonly bytesScanned: number;
}
