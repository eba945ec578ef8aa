/**
 * Records what code reads and writes of an MmState: `Recorder.root(state)`
 * wraps a writable copy of the state (`copyOnAccess` and `sharedViews` copy
 * only what is reached, see Copying) in proxies that note every path touched
 * (Footprint.ts says what reads, walks and writes mean). Paths stop at object
 * granularity (DEPTH below: a PTE, a PMD entry, a frame, a lock, a vma, a
 * swap slot, a mirror's field entry, a TLB slot, a file page, a thread's
 * frame); what lies deeper counts as the object itself.
 *
 * Used only by the partial-order reduction and its checks (runStepRecorded.ts,
 * recordedViews.ts): an exploration without them never builds a proxy, so the
 * recording costs nothing when it is off.
 */
import { emptyFootprint, SEP, type Footprint } from './Footprint.js';

/** Path segments kept below each root field of MmState (e.g. pteTables.3.ptes.1 = 4). */
const DEPTH: Readonly<Record<string, number>> = {
  mms: 4,
  vmas: 2,
  pmdTables: 4,
  pteTables: 4,
  frames: 2,
  files: 4,
  swap: 2,
  locks: 2,
  mirrors: 4,
  threads: 4,
};

const KEYS = '#keys';

/** The recorder behind the running recording pass, if any (isContended records through it). */
let active: Recorder | undefined;

export function activeRecorder(): Recorder | undefined {
  return active;
}

/**
 * How a recorder copies the state it wraps:
 *  - `given`: not at all; `root` is given a writable copy (tests);
 *  - `step` (`copyOnAccess`): a step runs on it. Each object of the state is
 *    copied (one level) when the step first reaches it through a proxy, and
 *    the copy replaces it in its (already copied) parent, so the root's tree
 *    is the successor; objects the step never reaches stay shared with the
 *    state and are never written (a write goes through a proxy, whose target
 *    is always a copy). What the step sees is what it saw on a deep copy
 *    (clonePlain): one fresh copy per place of every object of the state,
 *    and its own objects (stored through a proxy) as they are; only the
 *    copying of what it never reaches is saved.
 *  - `views` (`sharedViews`): properties read several states; an object
 *    shared between them is copied once (memoized by the original), so an
 *    identity test such as `prev.locks === next.locks` answers as on the
 *    states, also in a paused read (changedKeys), which sees the copy when
 *    there is one. No property writes.
 * Copies are what the proxies wrap (a frozen object, the immer backend's,
 * cannot be wrapped by a proxy that returns proxies for its fields).
 */
type Copying = 'given' | 'step' | 'views';

export class Recorder {
  fp: Footprint = emptyFootprint();
  /** While > 0, accesses are not recorded (a read recorded by meaning instead, see isContended). */
  paused = 0;
  private readonly cache = new Map<string, { target: object; proxy: object }>();
  /** A recorder lives for one recording: plain maps, faster than weak ones. */
  private readonly raw = new Map<object, object>();
  /** Objects that are this recording's own (copies, and what the step stored): never copied again. */
  private readonly mine = new Set<object>();
  /** `views`: the copy of each original. */
  private readonly copyOf = new Map<object, object>();

  constructor(private readonly copying: Copying = 'given') {}

  /** A recorder that runs one step on `state` itself (copied where the step reaches: see Copying): its root proxy, and the root's plain copy (the successor once the step ran). */
  static copyOnAccess<T extends object>(state: T): { rec: Recorder; root: T; plain: T } {
    const rec = new Recorder('step');
    const plain = rec.shallow(state);
    return { rec, root: rec.wrap(plain, '', 0, 0), plain };
  }

  /** A recorder for properties reading `states` (see Copying): a recorded view of each. */
  static sharedViews<T extends object>(states: readonly T[]): { rec: Recorder; views: T[] } {
    const rec = new Recorder('views');
    return { rec, views: states.map((s) => rec.wrap(rec.viewCopy(s), '', 0, 0)) };
  }

  /** Records into `fp` while `f` runs (this recorder is the active one). */
  run<T>(f: () => T): T {
    const outer = active;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the running recorder, for isContended (currentStep.ts)
    active = this;
    try {
      return f();
    } finally {
      active = outer;
    }
  }

  /** Starts a new footprint; returns the one recorded so far. */
  cut(): Footprint {
    const f = this.fp;
    this.fp = emptyFootprint();
    return f;
  }

  read(p: string): void {
    if (this.paused === 0) this.fp.reads.add(p);
  }

  /** Told of each recorded write as it happens (runStepRecorded: the locks held at that moment). */
  onWrite: ((p: string) => void) | undefined;

  write(p: string): void {
    if (this.paused === 0) {
      this.fp.writes.add(p);
      this.onWrite?.(p);
    }
  }

  /** The state, recorded: `state` must be writable (a copy) with `cfg` left as is. */
  root<T extends object>(state: T): T {
    return this.wrap(state, '', 0, 0);
  }

  /** A one-level copy for a step (as clonePlain makes each level: an array keeps its holes). */
  private shallow<T extends object>(x: T): T {
    const c: object = Array.isArray(x) ? x.slice() : { ...x }; // a state's objects are plain: spread copies what for-in did
    this.mine.add(c);
    return c as T;
  }

  /** The one copy of `x` for views (as recordedViews copied each level before: holes read as undefined). */
  private viewCopy<T extends object>(x: T): T {
    let c = this.copyOf.get(x);
    if (c === undefined) {
      if (Array.isArray(x)) {
        const a: unknown[] = [];
        for (const v of x) a.push(v);
        c = a;
      } else c = { ...x };
      this.copyOf.set(x, c);
      this.mine.add(c);
    }
    return c as T;
  }

  /** Marks `x` as this recording's own (stored by the step). For the handler. */
  own(x: object): void {
    this.mine.add(x);
  }

  /** The object a proxy on `t` wraps for `t[prop]` (value `v`), per Copying. For the handler. */
  owned(t: object, prop: string, v: object): object {
    if (this.copying === 'given' || this.mine.has(v) || this.raw.has(v)) return v;
    if (this.copying === 'views') return this.viewCopy(v);
    const c = this.shallow(v);
    (t as Record<string, unknown>)[prop] = c;
    return c;
  }

  /** What a paused read of `v` returns: in views, the copy of an original when there is one. For the handler. */
  pausedValue(v: object): object {
    return this.copying === 'views' ? (this.copyOf.get(v) ?? v) : v;
  }

  /** The plain object behind a proxy of this recorder (or `x` itself). */
  unwrap<T>(x: T): T {
    return (x !== null && typeof x === 'object' && (this.raw.get(x) as T | undefined)) || x;
  }

  /**
   * The proxy for `t[prop]` (value `v`, an object) at place `c`: the one made
   * before when `v` is what it wraps (then `v` is already this recording's
   * own: owned() would return it), else a new one on owned(). For the handler.
   */
  reach(t: object, prop: string, v: object, c: Child): object {
    const hit = this.cache.get(c.p);
    if (hit && hit.target === v) return hit.proxy;
    return this.wrap(this.owned(t, prop, v), c.p, c.d, c.l);
  }

  /** The proxy recording accesses to `target`, reached at `path` (depth and limit: see child()). For the handler. */
  wrap<T extends object>(target: T, path: string, depth: number, limit: number): T {
    const hit = this.cache.get(path);
    if (hit && hit.target === target) return hit.proxy as T;
    const proxy = new Proxy(target, new Handler(this, depth, childrenOf(path, depth, limit)));
    this.cache.set(path, { target, proxy });
    this.raw.set(proxy, target);
    return proxy as T;
  }
}

/** Where a property of an object leads: its path, depth and the depth limit of its root (DEPTH). */
interface Child {
  readonly p: string;
  readonly d: number;
  readonly l: number;
}

/**
 * The children of each object place, by depth and path, then property: a
 * pure function of them, kept for all recordings (a scenario's steps reach a
 * few hundred places), so that an access builds no path string.
 */
const places: Map<string, Map<string, Child>>[] = [];

function childrenOf(path: string, depth: number, limit: number): (prop: string) => Child {
  const byPath = (places[depth] ??= new Map<string, Map<string, Child>>());
  let kids = byPath.get(path);
  if (!kids) byPath.set(path, (kids = new Map<string, Child>()));
  const known = kids;
  return (prop) => {
    let c = known.get(prop);
    if (c === undefined) {
      if (depth === 0) c = { p: prop, d: 1, l: DEPTH[prop] ?? 1 };
      else c = depth < limit ? { p: path + SEP + prop, d: depth + 1, l: limit } : { p: path, d: depth + 1, l: limit };
      known.set(prop, c);
    }
    return c;
  };
}

/** The traps of one proxy (one object per proxy, its methods shared). */
class Handler implements ProxyHandler<object> {
  constructor(
    private readonly rec: Recorder,
    private readonly depth: number,
    private readonly child: (prop: string) => Child,
  ) {}

  get(t: object, prop: string | symbol, receiver: unknown): unknown {
    const rec = this.rec;
    const v = Reflect.get(t, prop, receiver) as unknown;
    if (typeof prop === 'symbol' || typeof v === 'function') return v;
    if (this.depth === 0 && prop === 'cfg') return v; // constant per scenario
    if (v !== null && typeof v === 'object') {
      if (rec.paused > 0) return rec.pausedValue(v); // nothing recorded
      const c = this.child(prop);
      if (c.d <= c.l) rec.fp.walks.add(c.p);
      else rec.fp.reads.add(c.p);
      return rec.reach(t, prop, v, c);
    }
    rec.read(this.child(prop).p);
    return v;
  }

  has(t: object, prop: string | symbol): boolean {
    // existence: changed only by a write at the path or above it (a walk)
    if (typeof prop !== 'symbol' && this.rec.paused === 0) this.rec.fp.walks.add(this.child(prop).p);
    return Reflect.has(t, prop);
  }

  ownKeys(t: object): ArrayLike<string | symbol> {
    this.rec.read(Array.isArray(t) ? this.child('length').p : this.child(KEYS).p);
    return Reflect.ownKeys(t);
  }

  set(t: object, prop: string | symbol, value: unknown): boolean {
    const rec = this.rec;
    if (typeof prop !== 'symbol') {
      const isNew = !Object.prototype.hasOwnProperty.call(t, prop);
      rec.write(this.child(prop).p);
      if (Array.isArray(t)) {
        if (isNew) rec.write(this.child('length').p);
      } else if (isNew) rec.write(this.child(KEYS).p);
    }
    const plain = rec.unwrap(value);
    if (plain !== null && typeof plain === 'object') rec.own(plain); // the step's own (or a copy): never copied again
    return Reflect.set(t, prop, plain);
  }

  deleteProperty(t: object, prop: string | symbol): boolean {
    if (typeof prop !== 'symbol') {
      this.rec.write(this.child(prop).p);
      if (!Array.isArray(t)) this.rec.write(this.child(KEYS).p);
    }
    return Reflect.deleteProperty(t, prop);
  }

  defineProperty(t: object, prop: string | symbol, desc: PropertyDescriptor): boolean {
    if (typeof prop !== 'symbol') this.rec.write(this.child(prop).p);
    const v = desc.value as unknown;
    if (v !== null && typeof v === 'object') this.rec.own(v);
    return Reflect.defineProperty(t, prop, desc);
  }
}
