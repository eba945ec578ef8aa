/**
 * The canonical key of an MmState: a 64-bit sum, over every leaf of the
 * state tree but the constant `cfg`, of a hash of the leaf's place and value
 * (Zobrist hashing). A place is the path from the root: a record's field
 * by its name, an array's element by its index; every record and array is a
 * leaf too (its kind, an array's length), so the set of (place, value) pairs
 * gives the tree back, and the order of a record's keys does not count.
 * Threads are the exception: each thread's leaves are summed on their own
 * and the key holds a hash of (index, sum) per thread (see threadSum).
 *
 * A sum changes by what changed: a successor's key is its parent's key less
 * the leaves the step removed plus those it added, found by walking both
 * states together down to where they differ (a successor shares every object
 * the step did not write, so the walk is short). The key of every state is
 * kept on it (a private field of the root); `noteDerived` (MmModel.ts: a
 * successor, a symmetry representative) says which state the next key
 * should start from. Any other state is walked whole.
 *
 * Two equal states give equal keys. Two different states give different
 * keys but for a 64-bit hash collision, the same risk as the engine's own
 * fingerprint of a text key (src/engine/fingerprint.ts).
 */
import { MM_STATE_PARTS, type Locals, type Lock, type MmState, type ProgFrame, type Thread } from './MmState.js';
import { murmurFinal as fmix, murmurMix as mix } from '../../src/engine/murmur32.js';
import { Identity } from './Identity.js';
import { stringLanes, TAG_ARRAY, TAG_FALSE, TAG_FLOAT, TAG_NULL, TAG_OBJECT, TAG_TRUE, TAG_UNDEF } from './valueLanes.js';

/** A state's key, kept on its root (roots share one shape: the brand check stays monomorphic). */
class KeptKey extends Identity {
  #key: readonly number[];
  private constructor(s: object, key: readonly number[]) {
    super(s);
    this.#key = key;
  }
  static get(s: object): readonly number[] | undefined {
    return #key in s ? s.#key : undefined;
  }
  static keep(s: object, key: readonly number[]): void {
    new KeptKey(s, key);
  }
}

const B_SALT = 0x5bd1e995;

// The key's running sums (lane a, lane b).
let ka = 0;
let kb = 0;

/** Adds (sign 1) or takes away (sign -1) the leaf at place (pa, pb) with value lanes (va, vb). */
function leaf(pa: number, pb: number, va: number, vb: number, sign: number): void {
  ka = (ka + sign * fmix(mix(pa, va))) | 0;
  kb = (kb + sign * fmix(mix(pb, vb))) | 0;
}

/** Lane a of the place of child `i` of place lane a `pa` (lane b: placeB). */
const placeA = (pa: number, i: number): number => fmix(mix(pa, i));
const placeB = (pb: number, i: number): number => fmix(mix(pb, i ^ B_SALT));

// The value lanes `scalar` computes (a pair without allocating one).
let va = 0;
let vb = 0;

/** Sets (va, vb) to the value lanes of a value that is not a record or an array (`typeof x === ...` tests: a switch on typeof called the Typeof builtin). */
function scalarLanes(x: unknown): void {
  if (typeof x === 'string') {
    const s = stringLanes(x);
    va = s[0]!;
    vb = s[1]!;
  } else if (typeof x === 'number') {
    if ((x | 0) === x) {
      va = fmix(x ^ 0x2545f491);
      vb = fmix(Math.imul(x, 0x9e3779b1) ^ 0x68e31da4);
    } else {
      const s = stringLanes(String(x));
      va = s[0]! ^ TAG_FLOAT;
      vb = s[1]!;
    }
  } else if (typeof x === 'boolean') {
    va = x ? TAG_TRUE : TAG_FALSE;
    vb = ~va;
  } else if (x === null) {
    va = TAG_NULL;
    vb = ~TAG_NULL;
  } else {
    va = TAG_UNDEF;
    vb = ~TAG_UNDEF;
  }
}

/** The leaf of a value that is not a record or an array (one leaf call: small enough to inline where it is called). */
function scalar(x: unknown, pa: number, pb: number, sign: number): void {
  scalarLanes(x);
  leaf(pa, pb, va, vb, sign);
}

/** The value lanes of an array of length n < ARRAY_LANES_MAX (hashed once: a call stack's length changes on a call and a return). */
const ARRAY_LANES_MAX = 64;
const ARRAY_A = Int32Array.from({ length: ARRAY_LANES_MAX }, (_, n) => fmix(TAG_ARRAY ^ n));
const ARRAY_B = Int32Array.from({ length: ARRAY_LANES_MAX }, (_, n) => fmix(~TAG_ARRAY + n));

/** The leaf of an array's kind and length. */
function arrayLeaf(pa: number, pb: number, n: number, sign: number): void {
  if (n < ARRAY_LANES_MAX) leaf(pa, pb, ARRAY_A[n]!, ARRAY_B[n]!, sign);
  else leaf(pa, pb, fmix(TAG_ARRAY ^ n), fmix(~TAG_ARRAY + n), sign);
}

/** Adds (sign 1) or takes away (sign -1) every leaf of `x` at place (pa, pb). */
function walk(x: unknown, pa: number, pb: number, sign: number): void {
  if (typeof x !== 'object' || x === null) {
    scalar(x, pa, pb, sign);
    return;
  }
  if (Array.isArray(x)) {
    const n = x.length;
    arrayLeaf(pa, pb, n, sign);
    for (let i = 0; i < n; i++) walk(x[i], placeA(pa, i), placeB(pb, i), sign);
    return;
  }
  leaf(pa, pb, TAG_OBJECT, ~TAG_OBJECT, sign);
  for (const k in x) {
    const h = stringLanes(k);
    walk((x as Record<string, unknown>)[k], placeA(pa, h[0]!), placeB(pb, h[1]!), sign);
  }
}

/** Changes the sums from `o` to `n` at place (pa, pb): only where the two differ by identity. */
function diff(o: unknown, n: unknown, pa: number, pb: number): void {
  if (o === n) return;
  if (typeof o === 'object' && o !== null && typeof n === 'object' && n !== null) {
    const arr = Array.isArray(o);
    if (arr === Array.isArray(n)) {
      if (arr) diffArrays(o as readonly unknown[], n as readonly unknown[], pa, pb);
      else diffRecords(o as Readonly<Record<string, unknown>>, n as Readonly<Record<string, unknown>>, pa, pb);
      return;
    }
  }
  walk(o, pa, pb, -1);
  walk(n, pa, pb, 1);
}

function diffArrays(o: readonly unknown[], n: readonly unknown[], pa: number, pb: number): void {
  const lo = o.length;
  const ln = n.length;
  if (lo !== ln) {
    arrayLeaf(pa, pb, lo, -1);
    arrayLeaf(pa, pb, ln, 1);
  }
  const m = lo < ln ? lo : ln;
  for (let i = 0; i < m; i++) {
    const a = o[i];
    const b = n[i];
    if (a !== b) diff(a, b, placeA(pa, i), placeB(pb, i));
  }
  for (let i = m; i < lo; i++) walk(o[i], placeA(pa, i), placeB(pb, i), -1);
  for (let i = m; i < ln; i++) walk(n[i], placeA(pa, i), placeB(pb, i), 1);
}

/** Field by field: a field only one of the two records has is taken away or added whole. */
function diffRecords(o: Readonly<Record<string, unknown>>, n: Readonly<Record<string, unknown>>, pa: number, pb: number): void {
  let both = 0;
  for (const k in n) {
    const a = o[k];
    const b = n[k];
    if (a === undefined && !(k in o)) {
      const h = stringLanes(k);
      walk(b, placeA(pa, h[0]!), placeB(pb, h[1]!), 1);
      continue;
    }
    both++;
    if (a !== b) {
      const h = stringLanes(k);
      diff(a, b, placeA(pa, h[0]!), placeB(pb, h[1]!));
    }
  }
  let count = 0;
  for (const _ in o) count++;
  if (count === both) return;
  for (const k in o) {
    if (!(k in n)) {
      const h = stringLanes(k);
      walk(o[k], placeA(pa, h[0]!), placeB(pb, h[1]!), -1);
    }
  }
}

// The places of the state's parts (MM_STATE_PARTS order).
const ROOT_A = 0x6d6d7374;
const ROOT_B = 0x61746521;
const PART_A = MM_STATE_PARTS.map((_, i) => placeA(ROOT_A, i));
const PART_B = MM_STATE_PARTS.map((_, i) => placeB(ROOT_B, i));

/** Where each part sits in MM_STATE_PARTS; a part missing here is a compile error (diffKey compares each by name). */
const P: { readonly [K in (typeof MM_STATE_PARTS)[number]]: number } = {
  mms: MM_STATE_PARTS.indexOf('mms'),
  vmas: MM_STATE_PARTS.indexOf('vmas'),
  pmdTables: MM_STATE_PARTS.indexOf('pmdTables'),
  pteTables: MM_STATE_PARTS.indexOf('pteTables'),
  frames: MM_STATE_PARTS.indexOf('frames'),
  files: MM_STATE_PARTS.indexOf('files'),
  swap: MM_STATE_PARTS.indexOf('swap'),
  locks: MM_STATE_PARTS.indexOf('locks'),
  mirrors: MM_STATE_PARTS.indexOf('mirrors'),
  threads: MM_STATE_PARTS.indexOf('threads'),
};

/**
 * The threads. Each thread's leaves are summed relative to the thread (the
 * place of its root is THREAD_A/B), and the key adds, per thread, a hash of
 * its index and that sum (`threadTerm`): a thread's sum is kept on the
 * thread object, so that a representative that permutes threads
 * (`--symmetry`) changes two terms per moved thread instead of walking it
 * whole at two places. A successor's running thread's sum is its parent
 * thread's plus their difference.
 */
const THREAD_A = 0x74687264;
const THREAD_B = 0x2074736d;

/** Places of a record field `name` below place (pa, pb): lane a's and lane b's hash of the name. */
const nameA = (name: string): number => stringLanes(name)[0]!;
const nameB = (name: string): number => stringLanes(name)[1]!;

/**
 * Every field of Thread and of ProgFrame, checked by tsc: a field added to
 * either is a compile error here until diffThread / diffFrame below handle
 * it (else a step that changed only that field would leave the key as it
 * was; test/model/stateKey.test.ts compares derived keys with whole walks).
 */
const THREAD_FIELDS: { readonly [K in keyof Thread]-?: true } = { frames: true, held: true, ranges: true, gather: true, rv: true, task: true };
const FRAME_FIELDS: { readonly [K in keyof ProgFrame]-?: true } = { prog: true, pc: true, locals: true };
void THREAD_FIELDS;
void FRAME_FIELDS;

// The places of a thread's fields (relative to the thread: THREAD_A/B), and the name lanes of a frame's.
const T_FRAMES_A = placeA(THREAD_A, nameA('frames'));
const T_FRAMES_B = placeB(THREAD_B, nameB('frames'));
const T_HELD_A = placeA(THREAD_A, nameA('held'));
const T_HELD_B = placeB(THREAD_B, nameB('held'));
const T_RANGES_A = placeA(THREAD_A, nameA('ranges'));
const T_RANGES_B = placeB(THREAD_B, nameB('ranges'));
const T_GATHER_A = placeA(THREAD_A, nameA('gather'));
const T_GATHER_B = placeB(THREAD_B, nameB('gather'));
const T_RV_A = placeA(THREAD_A, nameA('rv'));
const T_RV_B = placeB(THREAD_B, nameB('rv'));
const T_TASK_A = placeA(THREAD_A, nameA('task'));
const T_TASK_B = placeB(THREAD_B, nameB('task'));
const F_PROG_A = nameA('prog');
const F_PROG_B = nameB('prog');
const F_PC_A = nameA('pc');
const F_PC_B = nameB('pc');
const F_LOCALS_A = nameA('locals');
const F_LOCALS_B = nameB('locals');

/**
 * The places of a program's frame at one depth: its locals' places (in the
 * order of the first locals seen: a program's locals keep one order, see
 * sameShapeLocals) and the sum of the leaves every such frame has (the
 * frame record, its `prog`, its locals record).
 */
interface ProgPlaces {
  readonly names: readonly string[];
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly fixedA: number;
  readonly fixedB: number;
}

/**
 * The places of frame `i` of a thread and of its fields. A thread's leaves
 * are summed relative to the thread, so a frame's places depend on its depth
 * alone and are hashed once per depth (and per program for its locals)
 * instead of on every step.
 */
class FramePlaces {
  readonly progA: number;
  readonly progB: number;
  readonly pcA: number;
  readonly pcB: number;
  readonly localsA: number;
  readonly localsB: number;
  readonly #a: number;
  readonly #b: number;
  readonly #progs = new Map<string, ProgPlaces>();
  constructor(i: number) {
    this.#a = placeA(T_FRAMES_A, i);
    this.#b = placeB(T_FRAMES_B, i);
    this.progA = placeA(this.#a, F_PROG_A);
    this.progB = placeB(this.#b, F_PROG_B);
    this.pcA = placeA(this.#a, F_PC_A);
    this.pcB = placeB(this.#b, F_PC_B);
    this.localsA = placeA(this.#a, F_LOCALS_A);
    this.localsB = placeB(this.#b, F_LOCALS_B);
  }
  /** The places of program `prog`'s frames at this depth, made from `locals` (that program's) the first time. */
  prog(prog: string, locals: Locals): ProgPlaces {
    let p = this.#progs.get(prog);
    if (p === undefined) {
      const names = Object.keys(locals);
      const a = new Int32Array(names.length);
      const b = new Int32Array(names.length);
      for (let j = 0; j < names.length; j++) {
        const h = stringLanes(names[j]!);
        a[j] = placeA(this.localsA, h[0]!);
        b[j] = placeB(this.localsB, h[1]!);
      }
      const sa = ka;
      const sb = kb;
      ka = 0;
      kb = 0;
      leaf(this.#a, this.#b, TAG_OBJECT, ~TAG_OBJECT, 1);
      scalar(prog, this.progA, this.progB, 1);
      leaf(this.localsA, this.localsB, TAG_OBJECT, ~TAG_OBJECT, 1);
      p = { names, a, b, fixedA: ka, fixedB: kb };
      ka = sa;
      kb = sb;
      this.#progs.set(prog, p);
    }
    return p;
  }
}
const FRAME_PLACES: FramePlaces[] = [];
const framePlaces = (i: number): FramePlaces => FRAME_PLACES[i] ?? (FRAME_PLACES[i] = new FramePlaces(i));

// The place of the local being diffed or walked (a pair without allocating one).
let xa = 0;
let xb = 0;

/** Sets (xa, xb) to the place of local `k`, the `j`th of its locals: from `p` when the program's locals are in the order `p` has. */
function localPlace(fp: FramePlaces, p: ProgPlaces, j: number, k: string): void {
  if (p.names[j] === k) {
    xa = p.a[j]!;
    xb = p.b[j]!;
  } else {
    const h = stringLanes(k);
    xa = placeA(fp.localsA, h[0]!);
    xb = placeB(fp.localsB, h[1]!);
  }
}

/** diff of two frames at depth `fp`, their three fields spelt out (the generic record diff's keyed reads were megamorphic). */
function diffFrame(o: ProgFrame, n: ProgFrame, fp: FramePlaces): void {
  if (o.prog !== n.prog) {
    scalar(o.prog, fp.progA, fp.progB, -1);
    scalar(n.prog, fp.progA, fp.progB, 1);
  }
  if (o.pc !== n.pc) {
    scalar(o.pc, fp.pcA, fp.pcB, -1);
    scalar(n.pc, fp.pcA, fp.pcB, 1);
  }
  if (o.locals !== n.locals) {
    if (o.prog === n.prog) sameShapeLocals(o.locals, n.locals, fp, fp.prog(n.prog, n.locals));
    else diff(o.locals, n.locals, fp.localsA, fp.localsB);
  }
}

/**
 * diff of two locals of one program: the same keys in the same order
 * (runStep's checkFrames refuses a step that adds, drops or reorders a
 * frame's locals), so no key is only in one of them. Locals are scalars.
 */
function sameShapeLocals(o: Readonly<Locals>, n: Readonly<Locals>, fp: FramePlaces, p: ProgPlaces): void {
  let j = 0;
  for (const k in n) {
    const a = o[k];
    const b = n[k];
    if (a !== b) {
      localPlace(fp, p, j, k);
      scalar(a, xa, xb, -1);
      scalar(b, xa, xb, 1);
    }
    j++;
  }
}

/** walk of a frame at depth `fp` (what walk(f, pa, pb, sign) adds), its three fields spelt out. */
function walkFrame(f: ProgFrame, fp: FramePlaces, sign: number): void {
  const l = f.locals;
  const p = fp.prog(f.prog, l);
  ka = (ka + sign * p.fixedA) | 0;
  kb = (kb + sign * p.fixedB) | 0;
  scalar(f.pc, fp.pcA, fp.pcB, sign);
  let j = 0;
  for (const k in l) {
    localPlace(fp, p, j, k);
    scalar(l[k], xa, xb, sign);
    j++;
  }
}

/** diff of two call stacks at the thread's `frames` place: diffArrays with its elements diffed and walked as frames (diffFrame, walkFrame). */
function diffFrames(o: readonly ProgFrame[], n: readonly ProgFrame[]): void {
  const lo = o.length;
  const ln = n.length;
  if (lo !== ln) {
    arrayLeaf(T_FRAMES_A, T_FRAMES_B, lo, -1);
    arrayLeaf(T_FRAMES_A, T_FRAMES_B, ln, 1);
  }
  const m = lo < ln ? lo : ln;
  for (let i = 0; i < m; i++) {
    const a = o[i]!;
    const b = n[i]!;
    if (a !== b) diffFrame(a, b, framePlaces(i));
  }
  for (let i = m; i < lo; i++) walkFrame(o[i]!, framePlaces(i), -1);
  for (let i = m; i < ln; i++) walkFrame(n[i]!, framePlaces(i), 1);
}

/** diff of two threads relative to the thread (what diff(o, n, THREAD_A, THREAD_B) gives), Thread's fields spelt out. */
function diffThread(o: Thread, n: Thread): void {
  if (o.frames !== n.frames) diffFrames(o.frames, n.frames);
  if (o.held !== n.held) diff(o.held, n.held, T_HELD_A, T_HELD_B);
  if (o.ranges !== n.ranges) diff(o.ranges, n.ranges, T_RANGES_A, T_RANGES_B);
  if (o.gather !== n.gather) diff(o.gather, n.gather, T_GATHER_A, T_GATHER_B);
  if (o.rv !== n.rv) diff(o.rv, n.rv, T_RV_A, T_RV_B);
  if (o.task !== n.task) diff(o.task, n.task, T_TASK_A, T_TASK_B);
}

/** A thread's relative sum, kept on the thread (threads are copied as literals of one shape: runStep.ts copyThread). */
class ThreadSum extends Identity {
  #a: number;
  #b: number;
  private constructor(t: object, a: number, b: number) {
    super(t);
    this.#a = a;
    this.#b = b;
  }
  /** Sets (ta, tb) to the sum kept on `t`; false when it has none. */
  static load(t: object): boolean {
    if (!(#a in t)) return false;
    ta = t.#a;
    tb = t.#b;
    return true;
  }
  static keep(t: object, a: number, b: number): void {
    if (!(#a in t)) new ThreadSum(t, a, b);
  }
  /** keep for a thread that has no sum yet (`load` just said so). */
  static add(t: object, a: number, b: number): void {
    new ThreadSum(t, a, b);
  }
}
let ta = 0;
let tb = 0;
/** False while wholeStateKey walks a state without reading any kept sum (tests). */
let useKept = true;

/** Sets (ta, tb) to thread `t`'s relative sum: kept, else walked. */
function threadSum(t: Thread): void {
  if (useKept && ThreadSum.load(t)) return;
  const sa = ka;
  const sb = kb;
  ka = 0;
  kb = 0;
  walk(t, THREAD_A, THREAD_B, 1);
  ta = ka;
  tb = kb;
  ka = sa;
  kb = sb;
  if (useKept) ThreadSum.keep(t, ta, tb);
}

/**
 * Sets (ta, tb), which hold the relative sum of thread `from`, to that of `t`
 * (the thread at `from`'s index in a state derived from `from`'s): kept (a
 * representative's moved thread), else `from`'s plus their difference (a
 * successor's running thread, copied from `from`).
 */
function derivedSum(t: Thread, from: Thread): void {
  if (ThreadSum.load(t)) return;
  const sa = ka;
  const sb = kb;
  ka = ta;
  kb = tb;
  diffThread(from, t);
  ta = ka;
  tb = kb;
  ka = sa;
  kb = sb;
  ThreadSum.add(t, ta, tb);
}

const TAG_THREAD = 0x74687273;

/** The places of the threads' terms by index (hashed once per index). */
const TERM_A: number[] = [];
const TERM_B: number[] = [];

/** Adds (sign 1) or takes away (sign -1) the term of a thread with sum (ta, tb) at index `i`. */
function threadTerm(i: number, sign: number): void {
  while (TERM_A.length <= i) {
    TERM_A.push(placeA(PART_A[P.threads]!, TERM_A.length));
    TERM_B.push(placeB(PART_B[P.threads]!, TERM_B.length));
  }
  leaf(TERM_A[i]!, TERM_B[i]!, fmix(ta ^ TAG_THREAD), fmix(tb + TAG_THREAD), sign);
}
function wholeThreads(ts: readonly Thread[], sign: number): void {
  arrayLeaf(PART_A[P.threads]!, PART_B[P.threads]!, ts.length, sign);
  for (let i = 0; i < ts.length; i++) {
    threadSum(ts[i]!);
    threadTerm(i, sign);
  }
}

/** The change of the threads' terms: only where a thread differs (a successor's running thread, a representative's moved threads). */
function diffThreads(o: readonly Thread[], n: readonly Thread[]): void {
  if (o.length !== n.length) {
    wholeThreads(o, -1);
    wholeThreads(n, 1);
    return;
  }
  for (let i = 0; i < n.length; i++) {
    const a = o[i]!;
    const b = n[i]!;
    if (a === b) continue;
    threadSum(a);
    threadTerm(i, -1);
    derivedSum(b, a);
    threadTerm(i, 1);
  }
}

/**
 * The lock table: a step that takes or releases a lock replaces that lock's
 * record (locks.ts), so diffArrays with each changed element diffed as a
 * Lock, its two fields spelt out (the generic record diff's keyed reads were
 * megamorphic) at places hashed once per lock.
 */
const LOCK_FIELDS: { readonly [K in keyof Lock]-?: true } = { holder: true, readers: true };
void LOCK_FIELDS;
const L_HOLDER_A = nameA('holder');
const L_HOLDER_B = nameB('holder');
const L_READERS_A = nameA('readers');
const L_READERS_B = nameB('readers');
/** Per lock id: the places of its `holder` and `readers` (four numbers a lock). */
const LOCK_PLACES: number[] = [];

function diffLocks(o: readonly Lock[], n: readonly Lock[]): void {
  if (o.length !== n.length) {
    diff(o, n, PART_A[P.locks]!, PART_B[P.locks]!);
    return;
  }
  for (let i = 0; i < n.length; i++) {
    const a = o[i]!;
    const b = n[i]!;
    if (a === b) continue;
    const j = 4 * i;
    while (LOCK_PLACES.length <= j) {
      const id = LOCK_PLACES.length / 4;
      const pa = placeA(PART_A[P.locks]!, id);
      const pb = placeB(PART_B[P.locks]!, id);
      LOCK_PLACES.push(placeA(pa, L_HOLDER_A), placeB(pb, L_HOLDER_B), placeA(pa, L_READERS_A), placeB(pb, L_READERS_B));
    }
    if (a.holder !== b.holder) {
      scalar(a.holder, LOCK_PLACES[j]!, LOCK_PLACES[j + 1]!, -1);
      scalar(b.holder, LOCK_PLACES[j]!, LOCK_PLACES[j + 1]!, 1);
    }
    if (a.readers !== b.readers) {
      scalar(a.readers, LOCK_PLACES[j + 2]!, LOCK_PLACES[j + 3]!, -1);
      scalar(b.readers, LOCK_PLACES[j + 2]!, LOCK_PLACES[j + 3]!, 1);
    }
  }
}

function wholeKey(s: MmState): readonly number[] {
  ka = 0;
  kb = 0;
  for (let i = 0; i < MM_STATE_PARTS.length; i++) {
    if (i === P.threads) wholeThreads(s.threads, 1);
    else walk(s[MM_STATE_PARTS[i]!], PART_A[i]!, PART_B[i]!, 1);
  }
  return [ka, kb];
}

function diffKey(fromKey: readonly number[], from: MmState, s: MmState): readonly number[] {
  ka = fromKey[0]!;
  kb = fromKey[1]!;
  // part by part, spelt out (a keyed access by part name was ~4 % of a run)
  if (from.mms !== s.mms) diff(from.mms, s.mms, PART_A[P.mms]!, PART_B[P.mms]!);
  if (from.vmas !== s.vmas) diff(from.vmas, s.vmas, PART_A[P.vmas]!, PART_B[P.vmas]!);
  if (from.pmdTables !== s.pmdTables) diff(from.pmdTables, s.pmdTables, PART_A[P.pmdTables]!, PART_B[P.pmdTables]!);
  if (from.pteTables !== s.pteTables) diff(from.pteTables, s.pteTables, PART_A[P.pteTables]!, PART_B[P.pteTables]!);
  if (from.frames !== s.frames) diff(from.frames, s.frames, PART_A[P.frames]!, PART_B[P.frames]!);
  if (from.files !== s.files) diff(from.files, s.files, PART_A[P.files]!, PART_B[P.files]!);
  if (from.swap !== s.swap) diff(from.swap, s.swap, PART_A[P.swap]!, PART_B[P.swap]!);
  if (from.locks !== s.locks) diffLocks(from.locks, s.locks);
  if (from.mirrors !== s.mirrors) diff(from.mirrors, s.mirrors, PART_A[P.mirrors]!, PART_B[P.mirrors]!);
  if (from.threads !== s.threads) diffThreads(from.threads, s.threads);
  return [ka, kb];
}

// The last two states derived from another (newest first): the states whose keys can start from another's.
let to0: MmState | null = null;
let from0: MmState | null = null;
let to1: MmState | null = null;
let from1: MmState | null = null;

/** `to` was made from `from` sharing what did not change (a successor, a representative): its key may start from `from`'s. */
export function noteDerived(from: MmState, to: MmState): void {
  if (from === to) return;
  to1 = to0;
  from1 = from0;
  to0 = to;
  from0 = from;
}

/** How many keys were derived from another state's and how many walked whole (tests, benchmarks). */
export const keyCounts = { derived: 0, whole: 0 };

/** The state's key (two 32-bit words): kept on the state, else from the state it was derived from, else walked whole. */
export function mmStateKey(s: MmState): readonly number[] {
  return keyOf(s, true);
}

// The last state a key was derived from and its key: the successors of one state follow each other (no brand check per successor for their parent's key).
let lastFrom: MmState | null = null;
let lastFromKey: readonly number[] = [];

/**
 * `s`'s key, kept on it when `keep`. A state keyed only as the way to its
 * representative's key (under `--symmetry`, a successor that is not
 * canonical) is not kept: the engine never asks for it again.
 */
function keyOf(s: MmState, keep: boolean): readonly number[] {
  const kept = KeptKey.get(s);
  if (kept !== undefined) return kept;
  const from = s === to0 ? from0 : s === to1 ? from1 : null;
  let key: readonly number[];
  if (from !== null) {
    const fromKey = from === lastFrom ? lastFromKey : keyOf(from, false);
    lastFrom = from;
    lastFromKey = fromKey;
    key = diffKey(fromKey, from, s);
    keyCounts.derived++;
  } else {
    key = wholeKey(s);
    keyCounts.whole++;
  }
  if (keep) KeptKey.keep(s, key);
  return key;
}

/** The state's key walked whole, ignoring kept keys (tests: a derived key must equal it). */
export function wholeStateKey(s: MmState): readonly number[] {
  useKept = false;
  try {
    return wholeKey(s);
  } finally {
    useKept = true;
  }
}
