/**
 * A known finding as a pattern over sweep records (properties/knownFindings.ts
 * derives the list from FINDINGS.md's, model/findings/KNOWN_FINDINGS.ts). A
 * record matches when every given field matches; the first matching entry
 * names it.
 */
import type { Consequences } from '../triage/KnownFinding.js';

export interface KnownSignature {
  /** The FINDINGS.md id, e.g. `F3`, `D2`. */
  readonly id: string;
  /** Catalog site ids; absent = any site. */
  readonly sites?: readonly string[];
  /** Paths (operations) that reach the site; absent = any. */
  readonly paths?: readonly string[];
  /** Violated properties (or `deadlock`). */
  readonly properties: readonly string[];
  /** Mirror kinds: one of them must be among the subscribers. */
  readonly kinds?: readonly string[];
  /** At least this many subscribers (e.g. a finding that needs one mirror before another). */
  readonly minSubscribers?: number;
  /** Event profiles the finding shows under; absent = any. */
  readonly events?: readonly ('seed' | 'v5.2')[];
  /** The layout text contains one of these (e.g. `at address 0`). */
  readonly layouts?: readonly string[];
  /** Some thread's description contains one of these (e.g. `mprotect(mm0, 0,`: a range from address 0). */
  readonly threads?: readonly string[];
  /** At least `count` threads whose description contains `text` (e.g. two device accesses of one mirror). */
  readonly repeatedThread?: { readonly text: string; readonly count: number };
  /** Some racing thread (any but the first, the site operation) has a description containing one of these (e.g. `cpu mm`: a CPU access). */
  readonly racers?: readonly string[];
  /** The violation's message contains one of these (a property's case, e.g. `(new page set before invalidate_range)`); not a configuration's. */
  readonly messages?: readonly string[];
  /** What the finding's consequence violates later in a configuration that shows it (KnownFinding.consequences). */
  readonly consequences?: Consequences;
  /** One line: what it is. */
  readonly title: string;
}
