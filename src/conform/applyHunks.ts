import { ConformInputError } from './ConformInputError.js';
import type { Hunk } from './Patch.js';

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

function matchesAt(lines: readonly string[], at: number, want: readonly string[]): boolean {
  if (at < 0 || at + want.length > lines.length) return false;
  for (let k = 0; k < want.length; k++) if (norm(lines[at + k]!) !== want[k]) return false;
  return true;
}

/**
 * Applies a file's hunks to its text, comparing lines with whitespace
 * folded (archived patches lose indentation): each hunk is tried where its
 * header says, then nearest first over the whole file. Context lines keep
 * the tree's text. `name` names the file for errors.
 */
export function applyHunks(text: string, hunks: readonly Hunk[], name: string): string {
  const lines = text === '' ? [] : text.split('\n');
  let offset = 0;
  for (const h of hunks) {
    const old = h.lines.filter((l) => l.op !== '+');
    const want = old.map((l) => norm(l.text));
    const guess = Math.max(0, h.oldStart - 1 + offset);
    let at = -1;
    for (let d = 0; d <= lines.length && at < 0; d++) {
      if (matchesAt(lines, guess - d, want)) at = guess - d;
      else if (d > 0 && matchesAt(lines, guess + d, want)) at = guess + d;
    }
    if (at < 0 && want.length === 0) at = Math.min(guess, lines.length);
    if (at < 0) throw new ConformInputError(`${name}: the hunk at patch line ${h.patchLine} does not apply`);
    const out: string[] = [];
    let k = at;
    for (const l of h.lines) {
      if (l.op === '+') out.push(l.text);
      else {
        if (l.op === ' ') out.push(lines[k]!);
        k++;
      }
    }
    lines.splice(at, old.length, ...out);
    offset += out.length - old.length;
  }
  return lines.join('\n');
}
