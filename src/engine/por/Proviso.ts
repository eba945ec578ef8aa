/**
 * C3, the cycle proviso of the partial-order reduction, for a breadth-first
 * search: an ample set is taken only when none of its successors was seen at
 * the current depth or before; a successor already found at the next depth
 * (another interleaving of the same steps reached it first: the diamonds of
 * independent steps, the common case) is allowed.
 *
 * Why that is enough: along an edge of the search, the depth of the target
 * is at most the depth of the source plus one, so every cycle of the reduced
 * graph has an edge whose target is no deeper than its source. That target
 * was seen before its source was expanded, and not at the next depth, so the
 * source of that edge was expanded fully: every cycle holds a fully expanded
 * state (the proviso of Clarke, Grumberg, Minea and Peled; for BFS, Bošnački
 * and Holzmann's depth-based form). The set of the next level's fingerprints
 * is rebuilt at each level; a state it misses only makes the proviso refuse
 * more (fully expanded: never unsound).
 */
import { FingerprintSet } from '../FingerprintSet.js';

export class Proviso {
  private next = new FingerprintSet(1 << 10);

  /** A new level starts: the next level is empty. */
  newLevel(): void {
    if (this.next.size > 0) this.next = new FingerprintSet(this.next.size);
  }

  /** A state joins the next level (its fingerprint). */
  add(hi: number, lo: number): void {
    this.next.add(hi, lo);
  }

  /** A successor with this fingerprint keeps an ample set (unseen, or found at the next depth). */
  allows(seen: FingerprintSet, hi: number, lo: number): boolean {
    return !seen.has(hi, lo) || this.next.has(hi, lo);
  }
}
