/**
 * The running thread after a cow step, re-shared with the thread it was
 * copied from (runStep.ts cowStep): parts the step copied but left equal
 * become the old objects again, as an immer draft would leave them
 * (properties compare sub-objects by identity, e.g. range-pairing a range's
 * `subs`).
 */
import type { Mutable } from '../mutate.js';
import { sameElements } from '../sameElements.js';
import type { Gather, Locals, NotifierRange, ProgFrame, SubscriberCall, Thread } from '../MmState.js';

/**
 * `neu` with every part equal to the same part of `old` replaced by `old`'s
 * object (`old` itself when all are equal): the running thread keeps the
 * identity of the parts the step copied but left unchanged (its top frame
 * and locals, copied when read), as an immer draft would (properties
 * compare sub-objects by identity). Parts the step did not copy are `old`'s
 * already and cost one identity check. Generic, for the thread's rarest part
 * (task); reshareThread below spells out the others.
 */
function reshare(old: unknown, neu: unknown): unknown {
  if (old === neu || typeof neu !== 'object' || neu === null || typeof old !== 'object' || old === null) return neu;
  if (Array.isArray(neu)) {
    if (!Array.isArray(old)) return neu;
    let same = old.length === neu.length;
    for (let i = 0; i < neu.length; i++) {
      const r = reshare(old[i], neu[i]);
      neu[i] = r;
      if (r !== old[i]) same = false;
    }
    return same ? old : neu;
  }
  if (Array.isArray(old)) return neu;
  const o = old as Record<string, unknown>;
  const n = neu as Record<string, unknown>;
  let same = true;
  let keys = 0;
  for (const k in n) {
    keys++;
    const r = reshare(o[k], n[k]);
    n[k] = r;
    if (r !== o[k] || !(k in o)) same = false;
  }
  if (same) for (const _ in o) if (--keys < 0) return neu;
  return same && keys === 0 ? old : neu;
}

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
 * Every field of NotifierRange, SubscriberCall and Gather, checked by tsc: a
 * field added to one is a compile error here until reshareRange,
 * reshareSubs or reshareGather compares it (else a step that changed only
 * that field would be taken for no change).
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
void RANGE_FIELDS;
void SUB_FIELDS;
void GATHER_FIELDS;

/** A range's subscriber calls `neu` (mutRange copies them) re-shared call by call with `old`: reshare with SubscriberCall's fields spelt out. */
function reshareSubs(old: readonly SubscriberCall[], neu: SubscriberCall[]): readonly SubscriberCall[] {
  let same = old.length === neu.length;
  for (let i = 0; i < neu.length; i++) {
    const o = old[i];
    const n = neu[i]!;
    let r = n;
    if (o !== undefined && o !== n && o.mirror === n.mirror && o.start === n.start && o.ends === n.ends) neu[i] = r = o;
    if (r !== o) same = false;
  }
  return same ? old : neu;
}

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
 * with `old`: reshare with NotifierRange's fields spelt out (the generic
 * walk's keyed reads of ranges were megamorphic, as diffRecords' were in
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

/**
 * The thread's fields reshareThread compares, every one of them: a field
 * added to Thread is a compile error here until reshareThread handles it
 * (else a step that changed only that field would be taken for no change).
 */
const THREAD_FIELDS: { readonly [K in keyof Thread]-?: true } = { frames: true, held: true, ranges: true, gather: true, rv: true, task: true };
void THREAD_FIELDS;

/**
 * The running thread `neu` (the step's shallow copy of `old`) with the parts
 * the step copied but left equal re-shared with `old` (reshare above, with
 * the thread's shape spelled out: a generic walk was ~7 % of a run).
 */
export function reshareThread(old: Thread, neu: Thread): Thread {
  const t = neu as { -readonly [K in keyof Thread]: Thread[K] };
  if (t.frames !== old.frames) t.frames = reshareFrames(old.frames, t.frames as ProgFrame[]);
  if (t.held !== old.held && sameElements(old.held, t.held)) t.held = old.held;
  if (t.ranges !== old.ranges) t.ranges = reshareRanges(old.ranges, t.ranges as (NotifierRange | null)[]);
  if (t.gather !== old.gather) t.gather = reshareGather(old.gather, t.gather);
  if (t.task !== old.task) t.task = reshare(old.task, t.task) as Thread['task'];
  const same = t.frames === old.frames && t.held === old.held && t.ranges === old.ranges && t.gather === old.gather && t.rv === old.rv && t.task === old.task;
  return same ? old : neu;
}
