/**
 * What a step (or a property) read and wrote, recorded, not declared: the
 * paths into MmState it touched, at object granularity (model/mm/footprint/
 * recordingProxy.ts records them, objectPath.ts sets the granularity).
 *
 * Three sets of paths (segments joined by SEP):
 *  - `reads`: a value read at the path (a scalar, `null`, an array's length,
 *    an object's keys): any write at the path, above it or below it changes
 *    what was read;
 *  - `walks`: an object passed through on the way to a value (`s.pteTables[3]`
 *    on the way to `.ptes[1]`): only a write that replaces the object itself
 *    (at the path or above it) changes it; a write below it is the business of
 *    the reads below;
 *  - `writes`: a value written at the path (the whole subtree).
 *
 * Two footprints conflict (the steps do not commute, or one can enable or
 * disable the other) when one writes what the other reads, walks or writes.
 */
export const SEP = '\u001f';

export interface Footprint {
  readonly reads: Set<string>;
  readonly walks: Set<string>;
  readonly writes: Set<string>;
}

export function emptyFootprint(): Footprint {
  return { reads: new Set(), walks: new Set(), writes: new Set() };
}

/** A declared bound's wildcard segment: any one segment (an index, a lock name). */
export const ANY = '*';

/** `a` equals `b` or lies below it (either may hold ANY segments: declared bounds). */
export function under(a: string, b: string): boolean {
  if (a === b || (a.length > b.length && a.startsWith(b) && a[b.length] === SEP)) return true;
  if (!a.includes(ANY) && !b.includes(ANY)) return false;
  const x = a.split(SEP);
  const y = b.split(SEP);
  if (x.length < y.length) return false;
  return y.every((seg, i) => seg === x[i] || seg === ANY || x[i] === ANY);
}

/** A write at `w` changes a read at `r` (same object, an ancestor or a descendant). */
const hitsRead = (w: string, r: string): boolean => under(w, r) || under(r, w);

/** The first path of `y` that a write of `x` changes, or undefined. */
export function writeHit(x: Footprint, y: Footprint): string | undefined {
  for (const w of x.writes) {
    for (const r of y.reads) if (hitsRead(w, r)) return r;
    for (const r of y.writes) if (hitsRead(w, r)) return r;
    for (const k of y.walks) if (under(k, w)) return k;
  }
  return undefined;
}

/** A path both touch with at least one writing it, or undefined when the two commute. */
export function conflict(x: Footprint, y: Footprint): string | undefined {
  return writeHit(x, y) ?? writeHit(y, x);
}

/** `into` gains every path of `f`. */
export function addFootprint(into: Footprint, f: Footprint): void {
  for (const p of f.reads) into.reads.add(p);
  for (const p of f.walks) into.walks.add(p);
  for (const p of f.writes) into.writes.add(p);
}

/** A path as people read it: `pteTables.3.ptes.1`, `locks[mm0.mmap_sem]` (a lock by name when `lockNames` is given). */
export function showPath(p: string, lockNames?: readonly string[]): string {
  const [root, ...rest] = p.split(SEP);
  if (root === 'locks' && rest.length > 0) return `locks[${[lockNames?.[Number(rest[0])] ?? rest[0], ...rest.slice(1)].join('.')}]`;
  return [root, ...rest].join('.');
}

/**
 * Conflict tests against a footprint `y` that is used again and again
 * unchanged (a thread's FUTURE, what the properties may read), memoized by
 * path: whether a path touches `y` depends only on the path and `y`, and a
 * scenario's steps touch a few hundred distinct paths, so after a warm-up
 * each test is a map lookup instead of a scan of `y` with `under` (which
 * splits paths holding `*`). Footprints are never changed once built
 * (addFootprint fills only fresh ones), so keying by identity is safe.
 */
class Against {
  /** A write at the path: the first path of `y` it changes (writeHit's inner loops), or null. */
  private readonly written = new Map<string, string | null>();
  /** A read or write at the path is changed by a write of `y`. */
  private readonly read = new Map<string, boolean>();
  /** A walk through the path is changed by a write of `y` (at it or above it). */
  private readonly walked = new Map<string, boolean>();

  constructor(private readonly y: Footprint) {}

  /** writeHit(x, y), the same path. */
  writeInto(x: Footprint): string | undefined {
    for (const w of x.writes) {
      let h = this.written.get(w);
      if (h === undefined) this.written.set(w, (h = writeHit({ reads: NONE, walks: NONE, writes: new Set([w]) }, this.y) ?? null));
      if (h !== null) return h;
    }
    return undefined;
  }

  /** writeHit(y, x) !== undefined. */
  writtenBy(x: Footprint): boolean {
    if (this.y.writes.size === 0) return false;
    for (const r of x.reads) if (this.readHit(r)) return true;
    for (const r of x.writes) if (this.readHit(r)) return true;
    for (const k of x.walks) {
      let h = this.walked.get(k);
      if (h === undefined) this.walked.set(k, (h = writeHit(this.y, { reads: NONE, walks: new Set([k]), writes: NONE }) !== undefined));
      if (h) return true;
    }
    return false;
  }

  private readHit(r: string): boolean {
    let h = this.read.get(r);
    if (h === undefined) this.read.set(r, (h = writeHit(this.y, { reads: new Set([r]), walks: NONE, writes: NONE }) !== undefined));
    return h;
  }
}

/** An empty path set (never filled). */
const NONE = new Set<string>();
const against = new WeakMap<Footprint, Against>();
const memoFor = (y: Footprint): Against => {
  let m = against.get(y);
  if (!m) against.set(y, (m = new Against(y)));
  return m;
};

/**
 * Whether `x` and `y` conflict (`conflict(x, y) !== undefined`), memoized
 * against `y`: pass the footprint that recurs (a FUTURE, a visibility) as `y`.
 */
export function conflicts(x: Footprint, y: Footprint): boolean {
  const m = memoFor(y);
  return m.writeInto(x) !== undefined || m.writtenBy(x);
}

/** `conflict(x, y)`, the same path, its first half memoized against `y` (the second is only searched for on a conflict). */
export function conflictAgainst(x: Footprint, y: Footprint): string | undefined {
  const m = memoFor(y);
  return m.writeInto(x) ?? (m.writtenBy(x) ? writeHit(y, x) : undefined);
}
