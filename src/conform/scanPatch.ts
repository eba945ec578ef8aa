import type { HunkScan } from './HunkScan.js';
import type { Patch } from './Patch.js';
import { headerGenerationOf } from './headerGenerationOf.js';
import { scanHunk } from './scanHunk.js';
import { HEADER } from './scanTree.js';

/** The path a file patch writes (its old path when it deletes the file). */
export function patchPath(f: Patch['files'][number]): string {
  return f.newPath ?? f.oldPath ?? '';
}

/** Scans the hunks of every C file and header in a patch, the header first so its generations read the calls. */
export function scanPatch(patch: Patch): HunkScan[] {
  const sources = patch.files.filter((f) => /\.[ch]$/.test(patchPath(f)));
  const header = sources.filter((f) => patchPath(f) === HEADER).flatMap((f) => f.hunks.map((h) => scanHunk(HEADER, h, {})));
  const hints = {
    old: headerGenerationOf(header.flatMap((s) => s.old)),
    new: headerGenerationOf(header.flatMap((s) => s.new)),
  };
  const h = { ...(hints.old ? { old: hints.old } : {}), ...(hints.new ? { new: hints.new } : {}) };
  const rest = sources.filter((f) => patchPath(f) !== HEADER).flatMap((f) => f.hunks.map((hunk) => scanHunk(patchPath(f), hunk, h)));
  return [...header, ...rest];
}
