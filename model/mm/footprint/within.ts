import { SEP, showPath, under, type Footprint } from './Footprint.js';

/** Per declared bound (never changed once built), per path: whether a write, a read or a walk of the path lies within it. */
interface Within {
  readonly writable: string[];
  readonly readable: string[];
  readonly w: Map<string, boolean>;
  readonly r: Map<string, boolean>;
  readonly k: Map<string, boolean>;
}
const memo = new WeakMap<Footprint, Within>();

/**
 * The first path of `f` outside `bound` (a declared footprint: `reads` says
 * what may be read or walked, `writes` what may be written), as text, or
 * undefined when `f` lies within it. A walk may also pass above an allowed
 * path (reaching `threads.2` walks `threads`). `lockNames` names locks by name in the text.
 * Memoized by path against `bound` (the answer for a path depends on it and
 * the bound alone): the model checks every recorded footprint against the
 * same few bounds.
 */
export function outside(f: Footprint, bound: Footprint, lockNames?: readonly string[]): string | undefined {
  let m = memo.get(bound);
  if (!m) {
    const writable = [...bound.writes];
    memo.set(bound, (m = { writable, readable: [...bound.reads, ...writable], w: new Map(), r: new Map(), k: new Map() }));
  }
  const { writable, readable } = m;
  for (const w of f.writes) if (!known(m.w, w, () => writable.some((b) => under(w, b)))) return `writes ${showPath(w, lockNames)}`;
  for (const r of f.reads) if (!known(m.r, r, () => readable.some((b) => under(r, b)))) return `reads ${showPath(r, lockNames)}`;
  for (const k of f.walks) if (!known(m.k, k, () => readable.some((b) => under(k, b) || under(b, k)))) return `reads ${showPath(k, lockNames)}`;
  return undefined;
}

function known(m: Map<string, boolean>, p: string, compute: () => boolean): boolean {
  let v = m.get(p);
  if (v === undefined) m.set(p, (v = compute()));
  return v;
}

/** A footprint from paths written with dots (declarations: `threads.2`, `locks.*`). */
export function declared(reads: readonly string[], writes: readonly string[]): Footprint {
  const p = (x: string) => x.split('.').join(SEP);
  return { reads: new Set(reads.map(p)), walks: new Set(), writes: new Set(writes.map(p)) };
}
