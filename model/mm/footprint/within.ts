import { SEP, showPath, under, type Footprint } from './Footprint.js';

/**
 * The first path of `f` outside `bound` (a declared footprint: `reads` says
 * what may be read or walked, `writes` what may be written), as text, or
 * undefined when `f` lies within it. A walk may also pass above an allowed
 * path (reaching `threads.2` walks `threads`). `lockNames` names locks by name in the text.
 */
export function outside(f: Footprint, bound: Footprint, lockNames?: readonly string[]): string | undefined {
  const writable = [...bound.writes];
  const readable = [...bound.reads, ...writable];
  for (const w of f.writes) if (!writable.some((b) => under(w, b))) return `writes ${showPath(w, lockNames)}`;
  for (const r of f.reads) if (!readable.some((b) => under(r, b))) return `reads ${showPath(r, lockNames)}`;
  for (const k of f.walks) if (!readable.some((b) => under(k, b) || under(b, k))) return `reads ${showPath(k, lockNames)}`;
  return undefined;
}

/** A footprint from paths written with dots (declarations: `threads.2`, `locks.*`). */
export function declared(reads: readonly string[], writes: readonly string[]): Footprint {
  const p = (x: string) => x.split('.').join(SEP);
  return { reads: new Set(reads.map(p)), walks: new Set(), writes: new Set(writes.map(p)) };
}
