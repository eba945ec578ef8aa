/**
 * The one way model code writes the shared parts of an MmState (page
 * tables, frames, mms, vmas, files, swap, locks, mirrors): `mut*(s, id)`
 * returns the object, writable, for this step.
 *
 * Two state backends sit behind it (model/mm/step/runStep.ts):
 *  - `immer`: the step runs on an immer draft; `mut*` returns the draft's
 *    object and immer copies what is written (proxies, then a frozen result);
 *  - `cow`: the step runs on a shallow copy of the state; `mut*` copies the
 *    object and its path from the root the first time the step writes it
 *    (plain objects, no proxies), and leaves every other object shared with
 *    the previous state.
 * The running thread is written the same way: the cow backend copies the
 * thread object itself for the step, and its parts (the top frame and its
 * locals, held locks, notifier ranges, the mmu_gather, the task state) the
 * first time the step writes them (`mutTopLocals`, `mutHeld`, ...).
 * Model code reads the state as plain objects in both. A write that does not
 * go through `mut*` would change a shared object: the checked mode
 * (`freezeStates`) freezes every state so that such a write throws.
 */
import type {
  FileObj,
  Frame,
  Gather,
  Locals,
  Lock,
  MigrateVmaState,
  MirrorState,
  Mm,
  MmState,
  NotifierRange,
  PmdEntry,
  PmdTable,
  ProgFrame,
  Pte,
  PteTable,
  SubscriberCall,
  SwapSlot,
  TaskState,
  Thread,
  TlbEntry,
  TlbUbc,
  Vma,
} from './MmState.js';
import { pageWith } from './pageWith.js';

/** Writable view of a model type (one level, or deep for the nested arrays below). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };
/** Fields settable, one level (arrays and records inside stay read-only: replaced whole, never written in place). */
export type Settable<T> = { -readonly [K in keyof T]: T[K] };
/** Deeply writable (mirror states: small records of arrays of records). */
export type DeepMutable<T> = T extends readonly (infer E)[] ? DeepMutable<E>[] : T extends object ? { -readonly [K in keyof T]: DeepMutable<T[K]> } : T;

/**
 * Objects the running cow step created (writable; a step creates a handful, so a list, which beat a Set by ~5 %); null when the immer
 * backend runs the step. Kept on globalThis under a registered symbol, not
 * in a module variable: a scenario module loaded through tsx gets its own
 * instance of this file, and its writes must see the running step.
 */
const FRESH = Symbol.for('mnc.cow.fresh');
const slot = globalThis as unknown as { [FRESH]?: object[] | null };
let fresh: object[] | null = null;

/** Starts a cow step on `root` (a fresh shallow copy of the previous state) and the object already copied for it (the running thread). */
export function beginCow(root: object, thread?: object): void {
  // a literal (not a rest parameter's spread; not a reused list emptied by `length = 0`, a call into V8's runtime)
  const f = thread === undefined ? [root] : [root, thread];
  fresh = f;
  slot[FRESH] = f;
}

/** Ends the cow step (model code is back to immer semantics: writes only inside produce). */
export function endCow(): void {
  fresh = null;
  slot[FRESH] = null;
}

/** The running step's set, whichever instance of this module started it. */
const running = (): object[] | null => fresh ?? slot[FRESH] ?? null;

type Slot = Record<string | number, unknown>;

/**
 * `parent[key]`, writable: copied (once per step) when the cow backend runs. `parent` must be writable.
 * The running thread's parts and the lock table, written on most steps, have their own copies of
 * this below with the property named (a keyed access on objects of every shape is slower).
 */
function own<T>(parent: object, key: string | number): T {
  const p = parent as Slot;
  const v = p[key] as object;
  const f = running();
  if (f === null || f.includes(v)) return v as T;
  const c = Array.isArray(v) ? v.slice() : { ...v };
  f.push(c);
  p[key] = c;
  return c as T;
}

/** The running cow step's copies when `v` must be copied before a write (not copied yet), else null (copied already, or immer runs). */
function mustCopy(v: object): object[] | null {
  const f = running();
  return f === null || f.includes(v) ? null : f;
}

/** `c`, listed as a copy of the running step. */
function listed<T extends object>(f: object[], c: T): T {
  f.push(c);
  return c;
}

/**
 * A deep copy of plain data (a mirror's state under mutMirror, the initial state's parts). Arrays
 * are copied by a loop into `[]`, not by `map`: V8's optimized `map` makes holey arrays where its
 * unoptimized one made packed ones, so the copies changed hidden class once the code was hot, and
 * the code reading them was deoptimized (bench/RESULTS.md, Session 15).
 */
export function clonePlain<T>(x: T): T {
  if (x === null || typeof x !== 'object') return x;
  if (Array.isArray(x)) {
    const out: unknown[] = [];
    for (let i = 0; i < x.length; i++) out.push(clonePlain(x[i]));
    return out as T;
  }
  const c: Record<string, unknown> = {};
  for (const k in x) c[k] = clonePlain((x as Record<string, unknown>)[k]);
  return c as T;
}

type Pools = Pick<MmState, 'mms' | 'vmas' | 'pmdTables' | 'pteTables' | 'frames' | 'files' | 'swap' | 'mirrors'>;

/** A whole pool, writable (to add or free a slot: `mutPool(s, 'pteTables')[id] = ...`). */
export function mutPool<K extends keyof Pools>(s: MmState, k: K): Mutable<Pools>[K] {
  return own(s, k);
}

/**
 * `pool[i]`, writable: copied (once per step) by `copy`, an object literal of the record's type.
 * The records of the shared pools are copied by such literals, one per type, not by a spread: the
 * spread in `own` saw records of every type and gave copies of one type up to five V8 hidden
 * classes, so reads of their fields were megamorphic (bench/RESULTS.md, Session 15).
 */
function ownRecord<R extends object, W extends R>(pool: readonly R[], i: number, copy: (v: R) => W): W {
  const v = pool[i]!;
  const f = mustCopy(v);
  return f ? ((pool as R[])[i] = listed(f, copy(v))) : (v as W);
}

const copyPteTable = (t: PteTable): Mutable<PteTable> => ({ ptes: t.ptes as Pte[] });
const copyPmdTable = (t: PmdTable): Mutable<PmdTable> => ({ entries: t.entries as PmdEntry[], share: t.share });
const copyMm = (m: Mm): Mutable<Mm> => ({
  pud: m.pud as (number | null)[],
  vmas: m.vmas as number[],
  notifiers: m.notifiers as number[],
  tlb: m.tlb as (TlbEntry | null)[],
  flushPending: m.flushPending,
  users: m.users,
  oomSkip: m.oomSkip,
  unstable: m.unstable,
  tearingDown: m.tearingDown,
  khugepagedScan: m.khugepagedScan,
  ownerExited: m.ownerExited,
});
/** A vma record, its fields in Vma's order: every vma the model stores is built here (vmaOps.ts linkVma too). */
export const copyVma = (v: Vma): Mutable<Vma> => ({
  id: v.id,
  mm: v.mm,
  start: v.start,
  end: v.end,
  flags: v.flags,
  file: v.file,
  pgoff: v.pgoff,
  anonVma: v.anonVma,
  live: v.live,
  inAnonVma: v.inAnonVma,
  inIMmap: v.inIMmap,
});

export function mutPteTable(s: MmState, id: number): Mutable<PteTable> {
  const t = ownRecord(mutPool(s, 'pteTables') as PteTable[], id, copyPteTable);
  own(t, 'ptes');
  return t;
}

export function mutPmdTable(s: MmState, id: number): Mutable<PmdTable> {
  const t = ownRecord(mutPool(s, 'pmdTables') as PmdTable[], id, copyPmdTable);
  own(t, 'entries');
  return t;
}

/** An mm with all its arrays (pud, vmas, notifiers, tlb) writable. */
export function mutMm(s: MmState, mm: number): Mutable<Mm> {
  const m = ownRecord(mutPool(s, 'mms'), mm, copyMm);
  own(m, 'pud');
  own(m, 'vmas');
  own(m, 'notifiers');
  own(m, 'tlb');
  return m;
}

/**
 * An mm's own scalar fields (flushPending, users, oomSkip, tearingDown, khugepagedScan, ownerExited) writable, its
 * arrays left shared: a write of a counter copies the record alone, not
 * the four arrays mutMm copies (which the state key would then walk).
 */
export function mutMmCounts(
  s: MmState,
  mm: number,
): { -readonly [K in 'flushPending' | 'users' | 'oomSkip' | 'tearingDown' | 'khugepagedScan' | 'ownerExited']: Mm[K] } {
  return ownRecord(mutPool(s, 'mms'), mm, copyMm);
}

/** A vma's own fields (its flags are replaced whole: `mutVma(s, id).flags = {...}`). */
export function mutVma(s: MmState, id: number): Mutable<Vma> {
  return ownRecord(mutPool(s, 'vmas'), id, copyVma);
}

/** A page, writable: copied by pageWith.ts (one hidden class for every page record). */
export function mutFrame(s: MmState, f: number): Mutable<Frame> {
  return ownRecord(mutPool(s, 'frames'), f, copyPage);
}
const NO_PAGE_CHANGE: Partial<Frame> = {};
const copyPage = (v: Frame): Mutable<Frame> => pageWith(v, NO_PAGE_CHANGE);

export function mutFile(s: MmState, f: number): Mutable<FileObj> {
  const x = own<Mutable<FileObj>>(mutPool(s, 'files'), f);
  own(x, 'pages');
  return x;
}

export function mutSwapSlot(s: MmState, slot: number): Mutable<SwapSlot> {
  return own(mutPool(s, 'swap'), slot);
}

/** The lock table, writable (a lock's state is replaced whole: `mutLocks(s)[id] = {...}`, id = locks.ts lockId). */
export function mutLocks(s: MmState): Lock[] {
  const v = s.locks;
  const f = mustCopy(v);
  return f ? ((s as { locks: readonly Lock[] }).locks = listed(f, v.slice())) : (v as Lock[]);
}

/** `parent[key]`, deeply writable: copied whole (once per step) when the cow backend runs. */
function ownDeep<T>(parent: object, key: string | number): T {
  const p = parent as Slot;
  const v = p[key] as object;
  const f = running();
  if (f === null || f.includes(v)) return v as T;
  const c = clonePlain(v);
  f.push(c);
  p[key] = c;
  return c as T;
}

/** A mirror's whole state, deeply writable (copied once per step under cow). */
export function mutMirror<T extends MirrorState>(s: MmState, m: number): DeepMutable<T> {
  return ownDeep(mutPool(s, 'mirrors'), m);
}

// The running thread `t` (the step's own copy, runStep.ts): its parts, writable.

/** The call stack, writable (push a frame, pop the top); its frames stay shared until written. */
export function mutFrames(t: Thread): ProgFrame[] {
  const v = t.frames;
  const f = mustCopy(v);
  return f ? ((t as { frames: readonly ProgFrame[] }).frames = listed(f, v.slice())) : (v as ProgFrame[]);
}

/** The top frame, writable (its pc). */
export function mutTopFrame(t: Thread): Mutable<ProgFrame> {
  const fs = mutFrames(t);
  const i = fs.length - 1;
  const v = fs[i]!;
  const f = mustCopy(v);
  // the fields in ProgFrame's order (every frame is built so: valueLanes.ts hashes values in key order)
  return f ? (fs[i] = listed(f, { prog: v.prog, pc: v.pc, locals: v.locals })) : v;
}

/** The top frame's locals, writable (`copy`: its program's copier, CompiledProgram.copyLocals). */
export function mutTopLocals(t: Thread, copy?: (l: Locals) => Locals): Locals {
  const fr = mutTopFrame(t);
  const v = fr.locals;
  const f = mustCopy(v);
  return f ? (fr.locals = listed(f, copy ? copy(v) : { ...v })) : v;
}

/** The held-lock list, writable. */
export function mutHeld(t: Thread): string[] {
  const v = t.held;
  const f = mustCopy(v);
  return f ? ((t as { held: readonly string[] }).held = listed(f, v.slice())) : (v as string[]);
}

/** The notifier range list, writable (to add or end a range). */
export function mutRanges(t: Thread): (NotifierRange | null)[] {
  return own(t, 'ranges');
}

/** Live range `r`, writable with its subscriber list. */
export function mutRange(t: Thread, r: number): Mutable<NotifierRange> {
  const x = ownRecord(mutRanges(t) as NotifierRange[], r, copyRange);
  own(x, 'subs');
  return x;
}

/**
 * A range, its fields in NotifierRange's order: one object literal for every copy, so that ranges keep
 * one V8 hidden class (the spread in `own` gave them several; model/mm/copyRoot.ts says what that costs).
 */
function copyRange(r: NotifierRange): Mutable<NotifierRange> {
  return {
    site: r.site,
    mm: r.mm,
    start: r.start,
    end: r.end,
    event: r.event,
    vma: r.vma,
    blockable: r.blockable,
    phase: r.phase,
    err: r.err,
    subs: r.subs as SubscriberCall[],
  };
}

/** The thread's mmu_gather (not null), writable with its page list. */
export function mutGather(t: Thread): Mutable<Gather> {
  const v = t.gather!;
  const f = mustCopy(v);
  // a literal in Gather's order (tlb.ts tlbGatherMmu makes gathers so): one hidden class, as ownRecord's copies
  const g = f
    ? ((t as { gather: Gather | null }).gather = listed(f, { mm: v.mm, start: v.start, end: v.end, pages: v.pages as number[] }))
    : (v as Mutable<Gather>);
  own(g, 'pages');
  return g;
}

/**
 * The per-task state, one level writable (its `cleaned`; its `tlbUbc` and
 * `migrate` replaced whole, or written through mutTlbUbc and mutMigrate):
 * copied by a literal, as ranges are, where a deep clone of the whole task
 * state (migrate_vma's src and dst arrays too) ran for each write.
 */
export function mutTask(t: Thread): Settable<TaskState> {
  const v = t.task;
  const f = mustCopy(v);
  return f ? ((t as { task: TaskState }).task = listed(f, { tlbUbc: v.tlbUbc, cleaned: v.cleaned, migrate: v.migrate })) : v;
}

/** The per-task TLB flush batch (current->tlb_ubc), writable. */
export function mutTlbUbc(t: Thread): Settable<TlbUbc> {
  const task = mutTask(t);
  const v = task.tlbUbc;
  const f = mustCopy(v);
  return f ? (task.tlbUbc = listed(f, { mms: v.mms, writable: v.writable })) : v;
}

/** The running migrate_vma's struct migrate_vma, writable (its src and dst are replaced whole); null when there is none. */
export function mutMigrate(t: Thread): Settable<MigrateVmaState> | null {
  const task = mutTask(t);
  const v = task.migrate;
  if (v === null) return null;
  const f = mustCopy(v);
  return f ? (task.migrate = listed(f, { src: v.src, dst: v.dst, cpages: v.cpages })) : v;
}

/** Freezes every object of `x` not frozen yet (a frozen object's children are frozen): the checked mode. */
export function deepFreeze(x: unknown): void {
  if (x === null || typeof x !== 'object' || Object.isFrozen(x)) return;
  Object.freeze(x);
  for (const v of Object.values(x)) deepFreeze(v);
}
