import type { Generation } from './Generation.js';
import type { Hunk } from './Patch.js';
import type { HunkScan } from './HunkScan.js';
import type { RangeInit } from './RangeInit.js';
import { findRangeInits } from './findRangeInits.js';
import { hunkFunction } from './hunkFunction.js';
import { tokenizeC } from './tokenizeC.js';

function image(hunk: Hunk, side: 'old' | 'new'): { text: string; lines: number[]; changed: Set<number> } {
  const keep = side === 'old' ? '-' : '+';
  const lines: number[] = [];
  const changed = new Set<number>();
  const texts: string[] = [];
  for (const l of hunk.lines) {
    if (l.op !== ' ' && l.op !== keep) continue;
    const n = (side === 'old' ? l.oldLine : l.newLine)!;
    texts.push(l.text);
    lines.push(n);
    if (l.op === keep) changed.add(n);
  }
  return { text: texts.join('\n'), lines, changed };
}

function spans(r: RangeInit, changed: Set<number>): boolean {
  for (let l = r.line; l <= r.endLine; l++) if (changed.has(l)) return true;
  return false;
}

/** Finds the occurrences in both images of a hunk, each read as the inside of the function its header names. */
export function scanHunk(file: string, hunk: Hunk, hints: { old?: Generation; new?: Generation }): HunkScan {
  const inside = hunkFunction(hunk.header);
  const run = (side: 'old' | 'new') => {
    const img = image(hunk, side);
    const found = findRangeInits(tokenizeC(img.text), {
      file,
      partial: true,
      lineOf: (l) => img.lines[l - 1] ?? img.lines[img.lines.length - 1] ?? 0,
      ...(inside ? { insideFunction: inside } : {}),
      ...((side === 'old' ? hints.old : hints.new) ? { headerHint: side === 'old' ? hints.old : hints.new } : {}),
    });
    return { found, changed: img.changed };
  };
  const o = run('old');
  const n = run('new');
  return {
    file,
    hunk,
    old: o.found.inits,
    new: n.found.inits,
    removed: o.found.inits.filter((r) => spans(r, o.changed)),
    added: n.found.inits.filter((r) => spans(r, n.changed)),
    bare: n.found.bare,
  };
}
