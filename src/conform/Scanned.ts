import type { Change } from './checkPatch.js';
import type { MissingSite } from './ConformReport.js';
import type { Diagnostic } from './Diagnostic.js';
import type { Generation } from './Generation.js';
import type { BareRange, RangeInit } from './RangeInit.js';

/** What a scan hands to the judging stage. */
export interface Scanned {
  readonly calls: readonly { readonly call: RangeInit; readonly change: Change | null }[];
  readonly from: Generation | undefined;
  readonly to: Generation | undefined;
  readonly apiChanged: boolean;
  readonly enumerators: readonly string[];
  readonly bare: readonly BareRange[];
  /** Definitions, prototypes, `#define` stubs and forwarding calls (not sites). */
  readonly declarations: readonly RangeInit[];
  readonly diagnostics: Diagnostic[];
  readonly missing: MissingSite[];
  readonly filesScanned: number;
  readonly bytesScanned: number;
}
