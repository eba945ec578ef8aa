import type { Hunk } from './Patch.js';
import type { BareRange, RangeInit } from './RangeInit.js';

/** The occurrences in one hunk's old image (context and removed lines) and new image (context and added lines). */
export interface HunkScan {
  readonly file: string;
  readonly hunk: Hunk;
  readonly old: readonly RangeInit[];
  readonly new: readonly RangeInit[];
  /** Old-image occurrences that span a removed line. */
  readonly removed: readonly RangeInit[];
  /** New-image occurrences that span an added line. */
  readonly added: readonly RangeInit[];
  readonly bare: readonly BareRange[];
}
