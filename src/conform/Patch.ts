/** One line of a hunk. Context lines that lost their leading space are context. */
export interface HunkLine {
  readonly op: ' ' | '-' | '+';
  readonly text: string;
  /** Line in the old file (context and removed lines). */
  readonly oldLine?: number;
  /** Line in the new file (context and added lines). */
  readonly newLine?: number;
}

export interface Hunk {
  readonly oldStart: number;
  readonly newStart: number;
  /** The function named after the second `@@` (diff's context header). */
  readonly header: string;
  readonly lines: readonly HunkLine[];
  /** Line of the `@@` in the patch file. */
  readonly patchLine: number;
}

export interface FilePatch {
  readonly oldPath: string | undefined;
  readonly newPath: string | undefined;
  readonly hunks: readonly Hunk[];
}

export interface Patch {
  readonly files: readonly FilePatch[];
  /** Tolerated damage (lines repaired or guessed), for notes. */
  readonly repairs: readonly string[];
}
