/**
 * The running thread after a cow step, re-shared with the thread it was
 * copied from (runStep.ts cowStep): parts the step copied but left equal
 * become the old objects again, as an immer draft would leave them
 * (properties compare sub-objects by identity, e.g. range-pairing a range's
 * `subs`).
 */
import type { Mutable, Settable } from '../mutate.js';
import { sameElements } from '../sameElements.js';
import type { Gather, Locals, MigrateSrc, MigrateVmaState, NotifierRange, ProgFrame, SubscriberCall, TaskState, Thread, TlbUbc } from '../MmState.js';

/** Locals `neu` (the step's copy) as `old` when they hold the same keys and values (locals are scalars: one level). */
function reshareLocals(old: Locals, neu: Locals): Locals {
  let keys = 0;
  for (const k in neu) {
    keys++;
    const v = neu[k];
    if (v !== old[k] || (v === undefined && !(k in old))) return neu;
  }
  for (const _ in old) if (--keys < 0) return neu;
  return keys === 0 ? old : neu;
}

/** Frame `neu` (copied or new) as `old` when equal; else `neu`, keeping `old`'s locals when those are equal. */
function reshareFrame(old: ProgFrame, neu: ProgFrame): ProgFrame {
  const locals = neu.locals === old.locals ? old.locals : reshareLocals(old.locals, neu.locals);
  if (locals === old.locals && neu.prog === old.prog && neu.pc === old.pc) return old;
  if (locals !== neu.locals) (neu as Mutable<ProgFrame>).locals = locals;
  return neu;
}

/** The call stack `neu` (the step's copy) re-shared frame by frame with `old`. */
function reshareFrames(old: readonly ProgFrame[], neu: ProgFrame[]): readonly ProgFrame[] {
  let same = old.length === neu.length;
  for (let i = 0; i < neu.length; i++) {
    const o = old[i];
    const n = neu[i]!;
    const r = o === undefined || o === n ? n : reshareFrame(o, n);
    if (r !== n) neu[i] = r;
    if (r !== o) same = false;
  }
  return same ? old : neu;
}

/**
 * Every field of NotifierRange, SubscriberCall, Gather, TaskState, TlbUbc
 * and MigrateVmaState, checked by tsc: a field added to one is a compile
 * error here until reshareRange, sameSub, reshareGather, reshareTask or
 * reshareMigrate compares it (else a step that changed only that field
 * would be taken for no change).
 */
const RANGE_FIELDS: { readonly [K in keyof NotifierRange]-?: true } = {
  site: true,
  mm: true,
  start: true,
  end: true,
  event: true,
  vma: true,
  blockable: true,
  phase: true,
  err: true,
  subs: true,
};
const SUB_FIELDS: { readonly [K in keyof SubscriberCall]-?: true } = { mirror: true, start: true, ends: true };
const GATHER_FIELDS: { readonly [K in keyof Gather]-?: true } = { mm: true, start: true, end: true, pages: true };
const TASK_FIELDS: { readonly [K in keyof TaskState]-?: true } = { tlbUbc: true, cleaned: true, migrate: true };
const TLB_UBC_FIELDS: { readonly [K in keyof TlbUbc]-?: true } = { mms: true, writable: true };
const MIGRATE_FIELDS: { readonly [K in keyof MigrateVmaState]-?: true } = { src: true, dst: true, cpages: true };
void TASK_FIELDS;
void TLB_UBC_FIELDS;
void MIGRATE_FIELDS;
void RANGE_FIELDS;
void SUB_FIELDS;
void GATHER_FIELDS;

/**
 * `neu` (a copy this step made of the list `old`) with each element that
 * `equal` finds equal to `old`'s at its index replaced by `old`'s; `old`
 * itself when every element is. For the lists of small records (a range's
 * subscriber calls, migrate_vma's src); the call stack and the ranges, on the
 * hotter path, spell the loop out.
 */
function reshareEqual<T>(old: readonly T[], neu: T[], equal: (o: T, n: T) => boolean): readonly T[] {
  let same = old.length === neu.length;
  for (let i = 0; i < neu.length; i++) {
    const o = old[i];
    const n = neu[i]!;
    if (o !== undefined && o !== n && equal(o, n)) neu[i] = o;
    if (neu[i] !== o) same = false;
  }
  return same ? old : neu;
}

/** SubscriberCall's fields spelt out. */
const sameSub = (o: SubscriberCall, n: SubscriberCall): boolean => o.mirror === n.mirror && o.start === n.start && o.ends === n.ends;

/** A range's subscriber calls `neu` (mutRange copies them) re-shared call by call with `old`. */
const reshareSubs = (old: readonly SubscriberCall[], neu: SubscriberCall[]): readonly SubscriberCall[] => reshareEqual(old, neu, sameSub);

/** Range `neu` (a copy this step made) as `old` when equal; else `neu`, keeping `old`'s subscriber calls where equal. */
function reshareRange(old: NotifierRange, neu: NotifierRange): NotifierRange {
  const subs = neu.subs === old.subs ? old.subs : reshareSubs(old.subs, neu.subs as SubscriberCall[]);
  if (subs !== neu.subs) (neu as { subs: readonly SubscriberCall[] }).subs = subs;
  const same =
    subs === old.subs &&
    neu.site === old.site &&
    neu.mm === old.mm &&
    neu.start === old.start &&
    neu.end === old.end &&
    neu.event === old.event &&
    neu.vma === old.vma &&
    neu.blockable === old.blockable &&
    neu.phase === old.phase &&
    neu.err === old.err;
  return same ? old : neu;
}

/**
 * The thread's ranges `neu` (copied by mutRanges) re-shared range by range
 * with `old`, NotifierRange's fields spelt out (a generic walk's keyed
 * reads of ranges were megamorphic, as diffRecords' were in
 * stateKey.ts). A hole (null) or a range past `old`'s end is kept as it is.
 */
function reshareRanges(old: readonly (NotifierRange | null)[], neu: (NotifierRange | null)[]): readonly (NotifierRange | null)[] {
  let same = old.length === neu.length;
  for (let i = 0; i < neu.length; i++) {
    const o = old[i];
    const n = neu[i]!;
    const r = o === n || o === undefined || o === null || n === null ? n : reshareRange(o, n);
    if (r !== n) neu[i] = r;
    if (r !== o) same = false;
  }
  return same ? old : neu;
}

/** The thread's gather `neu` as `old` when equal (Gather's fields spelt out); else `neu`, keeping `old`'s page list when equal. */
function reshareGather(old: Gather | null, neu: Gather | null): Gather | null {
  if (old === null || neu === null || old === neu) return neu;
  const g = neu as { -readonly [K in keyof Gather]: Gather[K] };
  if (g.pages !== old.pages && sameElements(old.pages, g.pages)) g.pages = old.pages;
  return g.pages === old.pages && g.mm === old.mm && g.start === old.start && g.end === old.end ? old : neu;
}

/** A src slot of migrate_vma: [pfn, flags]. */
const sameSlot = (o: MigrateSrc, n: MigrateSrc): boolean => o[0] === n[0] && o[1] === n[1];

/** The struct migrate_vma `neu` (mutMigrate's copy) as `old` when equal; else `neu`, keeping `old`'s src and dst where equal. */
function reshareMigrate(old: MigrateVmaState, neu: MigrateVmaState): MigrateVmaState {
  const m = neu as Settable<MigrateVmaState>;
  if (m.src !== old.src) m.src = reshareEqual(old.src, m.src as MigrateSrc[], sameSlot); // setSrc's own new array
  if (m.dst !== old.dst && sameElements(old.dst, m.dst)) m.dst = old.dst;
  return m.src === old.src && m.dst === old.dst && m.cpages === old.cpages ? old : neu;
}

/** The task state `neu` (mutTask's copy) as `old` when equal, its three fields spelt out; else `neu`, keeping `old`'s records where equal. */
function reshareTask(old: TaskState, neu: TaskState): TaskState {
  const k = neu as Settable<TaskState>;
  if (k.tlbUbc !== old.tlbUbc && k.tlbUbc.mms === old.tlbUbc.mms && k.tlbUbc.writable === old.tlbUbc.writable) k.tlbUbc = old.tlbUbc;
  if (k.migrate !== old.migrate && k.migrate !== null && old.migrate !== null) k.migrate = reshareMigrate(old.migrate, k.migrate);
  return k.tlbUbc === old.tlbUbc && k.cleaned === old.cleaned && k.migrate === old.migrate ? old : neu;
}

/**
 * The thread's fields reshareThread compares, every one of them: a field
 * added to Thread is a compile error here until reshareThread handles it
 * (else a step that changed only that field would be taken for no change).
 */
const THREAD_FIELDS: { readonly [K in keyof Thread]-?: true } = { frames: true, held: true, ranges: true, gather: true, rv: true, task: true };
void THREAD_FIELDS;

/**
 * The running thread `neu` (the step's shallow copy of `old`) with the parts
 * the step copied but left equal re-shared with `old`, part by part, each
 * part's shape spelt out (a generic walk was ~7 % of a run; the task state
 * was the last part re-shared by it).
 */
export function reshareThread(old: Thread, neu: Thread): Thread {
  const t = neu as { -readonly [K in keyof Thread]: Thread[K] };
  if (t.frames !== old.frames) t.frames = reshareFrames(old.frames, t.frames as ProgFrame[]);
  if (t.held !== old.held && sameElements(old.held, t.held)) t.held = old.held;
  if (t.ranges !== old.ranges) t.ranges = reshareRanges(old.ranges, t.ranges as (NotifierRange | null)[]);
  if (t.gather !== old.gather) t.gather = reshareGather(old.gather, t.gather);
  if (t.task !== old.task) t.task = reshareTask(old.task, t.task);
  const same = t.frames === old.frames && t.held === old.held && t.ranges === old.ranges && t.gather === old.gather && t.rv === old.rv && t.task === old.task;
  return same ? old : neu;
}
