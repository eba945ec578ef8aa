/**
 * Records what code reads and writes of an MmState: `Recorder.root(state)`
 * wraps a writable copy of the state in proxies that note every path touched
 * (Footprint.ts says what reads, walks and writes mean). Paths stop at object
 * granularity (DEPTH below: a PTE, a PMD entry, a frame, a lock, a vma, a
 * swap slot, a mirror's field entry, a TLB slot, a file page, a thread's
 * frame); what lies deeper counts as the object itself.
 *
 * Used only by the partial-order reduction and its checks (runStepRecorded.ts,
 * recordReads.ts): an exploration without them never builds a proxy, so the
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

/** The recorder behind the running recording pass, if any (contendedFor records through it). */
let active: Recorder | undefined;

export function activeRecorder(): Recorder | undefined {
  return active;
}

export class Recorder {
  fp: Footprint = emptyFootprint();
  /** While > 0, accesses are not recorded (a read recorded by meaning instead, see contendedFor). */
  paused = 0;
  private readonly cache = new Map<string, { target: object; proxy: object }>();
  private readonly raw = new WeakMap<object, object>();

  /** Records into `fp` while `f` runs (this recorder is the active one). */
  run<T>(f: () => T): T {
    const outer = active;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the running recorder, for contendedFor (currentStep.ts)
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

  write(p: string): void {
    if (this.paused === 0) this.fp.writes.add(p);
  }

  /** The state, recorded: `state` must be writable (a copy) with `cfg` left as is. */
  root<T extends object>(state: T): T {
    return this.wrap(state, '', 0, 0);
  }

  /** The plain object behind a proxy of this recorder (or `x` itself). */
  unwrap<T>(x: T): T {
    return (x !== null && typeof x === 'object' && (this.raw.get(x) as T | undefined)) || x;
  }

  private wrap<T extends object>(target: T, path: string, depth: number, limit: number): T {
    const hit = this.cache.get(path);
    if (hit && hit.target === target) return hit.proxy as T;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const rec = this;
    const child = (prop: string): { p: string; d: number; l: number } => {
      if (depth === 0) return { p: prop, d: 1, l: DEPTH[prop] ?? 1 };
      return depth < limit ? { p: path + SEP + prop, d: depth + 1, l: limit } : { p: path, d: depth + 1, l: limit };
    };
    const proxy = new Proxy(target, {
      get(t, prop, receiver) {
        const v = Reflect.get(t, prop, receiver) as unknown;
        if (typeof prop === 'symbol' || typeof v === 'function') return v;
        if (depth === 0 && prop === 'cfg') return v; // constant per scenario
        const c = child(prop);
        if (v !== null && typeof v === 'object') {
          if (c.d <= c.l) {
            if (rec.paused === 0) rec.fp.walks.add(c.p);
          } else rec.read(c.p);
          return rec.paused > 0 ? v : rec.wrap(v, c.p, c.d, c.l);
        }
        rec.read(c.p);
        return v;
      },
      has(t, prop) {
        // existence: changed only by a write at the path or above it (a walk)
        if (typeof prop !== 'symbol' && rec.paused === 0) rec.fp.walks.add(child(prop).p);
        return Reflect.has(t, prop);
      },
      ownKeys(t) {
        rec.read(Array.isArray(t) ? child('length').p : child(KEYS).p);
        return Reflect.ownKeys(t);
      },
      set(t, prop, value) {
        if (typeof prop !== 'symbol') {
          const isNew = !Object.prototype.hasOwnProperty.call(t, prop);
          rec.write(child(prop).p);
          if (Array.isArray(t)) {
            if (isNew) rec.write(child('length').p);
          } else if (isNew) rec.write(child(KEYS).p);
        }
        return Reflect.set(t, prop, rec.unwrap(value));
      },
      deleteProperty(t, prop) {
        if (typeof prop !== 'symbol') {
          rec.write(child(prop).p);
          if (!Array.isArray(t)) rec.write(child(KEYS).p);
        }
        return Reflect.deleteProperty(t, prop);
      },
      defineProperty(t, prop, desc) {
        if (typeof prop !== 'symbol') rec.write(child(prop).p);
        return Reflect.defineProperty(t, prop, desc);
      },
    });
    this.cache.set(path, { target, proxy });
    this.raw.set(proxy, target);
    return proxy;
  }
}
