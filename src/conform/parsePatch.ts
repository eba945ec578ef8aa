import { ConformInputError } from './ConformInputError.js';
import type { FilePatch, Hunk, HunkLine, Patch } from './Patch.js';

const HUNK = /^@@+ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@+ ?(.*)$/;

function stripPrefix(path: string): string | undefined {
  const p = path.trim().split('\t')[0]!.trim();
  if (p === '/dev/null') return undefined;
  return p.replace(/^[ab]\//, '');
}

/**
 * A tolerant unified-diff reader for patches as they arrive: plain `git
 * diff`, a mailbox message, or a mail-archive page where context lines lost
 * their leading space and whitespace was folded. Hunk line counts decide
 * where a hunk ends (so a trailing `--` signature is not a removed line);
 * a line with no diff prefix inside a hunk is a context line. `name` is the
 * input's name for errors.
 */
export function parsePatch(text: string, name: string): Patch {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const files: FilePatch[] = [];
  const repairs: string[] = [];
  let cur: { oldPath: string | undefined; newPath: string | undefined; hunks: Hunk[] } | undefined;
  let sawDiff = false;
  let i = 0;
  const startFile = (oldPath: string | undefined, newPath: string | undefined): void => {
    cur = { oldPath, newPath, hunks: [] };
    files.push(cur);
  };
  while (i < lines.length) {
    const line = lines[i]!;
    const git = /^diff --git a\/(\S+) b\/(\S+)/.exec(line);
    if (git) {
      sawDiff = true;
      startFile(git[1], git[2]);
      i++;
      continue;
    }
    if (line.startsWith('--- ') && lines[i + 1]?.startsWith('+++ ')) {
      sawDiff = true;
      const oldPath = stripPrefix(line.slice(4));
      const newPath = stripPrefix(lines[i + 1]!.slice(4));
      if (!cur || cur.hunks.length > 0 || (cur.oldPath === undefined && cur.newPath === undefined)) startFile(oldPath, newPath);
      else {
        cur.oldPath = oldPath;
        cur.newPath = newPath;
      }
      i += 2;
      continue;
    }
    const h = HUNK.exec(line);
    if (h && cur) {
      const oldCount = h[2] === undefined ? 1 : Number(h[2]);
      const newCount = h[4] === undefined ? 1 : Number(h[4]);
      let oldLine = Number(h[1]);
      let newLine = Number(h[3]);
      let oldLeft = oldCount;
      let newLeft = newCount;
      const body: HunkLine[] = [];
      const patchLine = i + 1;
      i++;
      while (i < lines.length && (oldLeft > 0 || newLeft > 0)) {
        const l = lines[i]!;
        if (HUNK.test(l) || /^diff --git /.test(l)) break;
        if (l.startsWith('\\')) {
          i++;
          continue;
        } // "\ No newline at end of file"
        const c = l[0];
        if (c === '-' && oldLeft > 0) {
          body.push({ op: '-', text: l.slice(1), oldLine: oldLine++ });
          oldLeft--;
        } else if (c === '+' && newLeft > 0) {
          body.push({ op: '+', text: l.slice(1), newLine: newLine++ });
          newLeft--;
        } else {
          if (c !== ' ' && l.length > 0) repairs.push(`${name}:${i + 1}: context line without its leading space`);
          body.push({ op: ' ', text: c === ' ' ? l.slice(1) : l, oldLine: oldLine++, newLine: newLine++ });
          oldLeft--;
          newLeft--;
        }
        i++;
      }
      if (oldLeft > 0 || newLeft > 0) {
        const where = i >= lines.length ? 'the end of the input' : `line ${i + 1}`;
        throw new ConformInputError(
          `${name}: truncated patch: the hunk at line ${patchLine} ends early at ${where} (${Math.max(oldLeft, newLeft)} line(s) missing)`,
        );
      }
      cur.hunks.push({ oldStart: Number(h[1]), newStart: Number(h[3]), header: h[5]!.trim(), lines: body, patchLine });
      continue;
    }
    i++;
  }
  const withHunks = files.filter((f) => f.hunks.length > 0);
  if (!sawDiff || withHunks.length === 0) {
    throw new ConformInputError(`${name}: not a patch (no unified diff hunks found)`);
  }
  return {
    files: withHunks,
    repairs:
      [...new Set(repairs)].length > 3
        ? [`${name}: ${repairs.length} context lines without their leading space (mail-archive damage), read as context`]
        : repairs,
  };
}
