/**
 * Runs one step of one thread: the single way the model changes state.
 * `enabledOutcomes` says how many outcomes a thread's current step has now
 * (0 = blocked or ended).
 */
import { produce } from 'immer';
import { beginCow, deepFreeze, endCow, mutFrames, mutTopFrame, type Mutable } from '../mutate.js';
import { ModelError } from '../../../src/engine/Model.js';
import { sameElements } from '../sameElements.js';
import { MM_STATE_PARTS } from '../MmState.js';
import type { Locals, MmState, ProgFrame, Thread } from '../MmState.js';
import type { StepView } from './Program.js';
import { CALLED, DONE } from './Program.js';
import type { ProgramRegistry } from './ProgramRegistry.js';
import { StepCtxImpl } from './StepCtxImpl.js';
import { copyRoot } from '../copyRoot.js';
import { contendedFor, currentStep, stateStep } from './currentStep.js';

export function enabledOutcomes(reg: ProgramRegistry, s: MmState, tid: number): number {
  const t = s.threads[tid]!;
  const cur = stateStep(reg, t);
  if (!cur) return 0;
  const { guard, outcomes: o } = cur.step;
  // most steps have neither a guard nor an outcome function: no view to build (once per thread per state)
  if (guard === undefined && typeof o !== 'function') return o ?? 1;
  const v: StepView = { s, t, tid, l: cur.frame.locals, contended: contendedFor(reg, s, tid) };
  if (guard && !guard(v)) return 0;
  return o === undefined ? 1 : typeof o === 'number' ? o : o(v);
}

function checkLocals(declared: readonly string[], after: Locals, where: string): void {
  const b = Object.keys(after);
  if (declared.length !== b.length || declared.some((k, i) => b[i] !== k)) {
    throw new ModelError(`${where}: locals must be declared in the program's locals() (got ${b.join(',')}, declared ${declared.join(',')})`);
  }
}

/** `thread/program:label`, for runOne's errors. */
function where(d: MmState, tid: number, cur: NonNullable<ReturnType<typeof currentStep>>): string {
  return `${d.cfg.threads[tid]!.name}/${cur.prog.name}:${cur.step.label}`;
}

/** Runs the current step of thread tid on the draft. */
function runOne(reg: ProgramRegistry, d: MmState, tid: number, outcome: number, cur: NonNullable<ReturnType<typeof currentStep>>): void {
  const { prog, step } = cur;
  const c = new StepCtxImpl(d, tid, outcome, reg, prog);
  const t = c.t;
  const depth = t.frames.length;
  const next = step.run(c);
  if (next === CALLED) return;
  const frames = t.frames;
  if (frames.length !== depth) throw new ModelError(`${where(d, tid, cur)}: frame stack changed without a call`);
  if (next === DONE) {
    mutFrames(t).pop();
    return;
  }
  let label: string;
  if (next === undefined) {
    const following = prog.steps[prog.index.get(step.label)! + 1];
    if (!following) throw new ModelError(`${where(d, tid, cur)}: falls off the end of ${prog.name} (return DONE)`);
    label = following.label;
  } else {
    if (!prog.index.has(next)) throw new ModelError(`${where(d, tid, cur)}: goto unknown label ${next}`);
    label = next;
  }
  mutTopFrame(t).pc = label;
}

/** Local steps chained after a step, at most this many (a local loop is a model bug). */
const MAX_CHAIN = 1000;

/** Every frame of the new thread state that exists in the old one keeps its declared locals. */
function checkFrames(before: Thread, after: Thread, name: string): void {
  const n = Math.min(before.frames.length, after.frames.length);
  for (let i = 0; i < n; i++) {
    const a = before.frames[i]!;
    const b = after.frames[i]!;
    if (a.locals !== b.locals && a.prog === b.prog) checkLocals(Object.keys(a.locals), b.locals, `${name}/${b.prog}`);
  }
}

/**
 * How a step's successor is built (model/mm/mutate.ts): `immer` (a draft,
 * proxies, a frozen result: the reference) or `cow` (plain copy-on-write of
 * what the step writes); `checked` freezes every cow state, so that a write
 * past model/mm/mutate.ts throws instead of corrupting a shared object.
 */
export type StateBackend = 'immer' | 'cow';
export const STATE_BACKENDS: readonly StateBackend[] = ['immer', 'cow'];

export interface StepOptions {
  readonly backend: StateBackend;
  readonly checked?: boolean;
}

/**
 * `neu` with every part equal to the same part of `old` replaced by `old`'s
 * object (`old` itself when all are equal): the running thread keeps the
 * identity of the parts the step copied but left unchanged (its top frame
 * and locals, copied when read), as an immer draft would (properties
 * compare sub-objects by identity). Parts the step did not copy are `old`'s
 * already and cost one identity check. Generic, for the thread's rarer parts
 * (ranges, gather, task); reshareThread below spells out the common ones.
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
function reshareThread(old: Thread, neu: Thread): Thread {
  const t = neu as { -readonly [K in keyof Thread]: Thread[K] };
  if (t.frames !== old.frames) t.frames = reshareFrames(old.frames, t.frames as ProgFrame[]);
  if (t.held !== old.held && sameElements(old.held, t.held)) t.held = old.held;
  if (t.ranges !== old.ranges) t.ranges = reshare(old.ranges, t.ranges) as Thread['ranges'];
  if (t.gather !== old.gather) t.gather = reshare(old.gather, t.gather) as Thread['gather'];
  if (t.task !== old.task) t.task = reshare(old.task, t.task) as Thread['task'];
  const same = t.frames === old.frames && t.held === old.held && t.ranges === old.ranges && t.gather === old.gather && t.rv === old.rv && t.task === old.task;
  return same ? old : neu;
}

/**
 * A one-level copy of the running thread, its fields spelt out in Thread's
 * order: an object literal of one shape, where a spread of threads of
 * several shapes went through V8's slow generic copy (~2 % of a run).
 */
function copyThread(t: Thread): Thread {
  return { frames: t.frames, held: t.held, ranges: t.ranges, gather: t.gather, rv: t.rv, task: t.task };
}

/** True when the step left every shared part of `d` (a copy of `s`) as it was. */
function sameShared(s: MmState, d: MmState): boolean {
  for (const k of MM_STATE_PARTS) if (k !== 'threads' && d[k] !== s[k]) return false;
  return d.cfg === s.cfg;
}

/**
 * Runs `body` on a cow successor of `s`: the root and the running thread's
 * object are copied; the thread's parts and the shared parts are copied when
 * model/mm/mutate.ts writes them, then the thread is re-shared where a copied
 * part came out unchanged (a step that reads its locals copies them).
 * Returns `s` itself when the step changed nothing (as produce does).
 */
function cowStep(s: MmState, tid: number, checked: boolean, body: (d: MmState) => void): MmState {
  const threads = s.threads.slice();
  const t0 = s.threads[tid]!;
  const t = copyThread(t0);
  threads[tid] = t;
  const d = copyRoot(s, threads);
  beginCow(d, t);
  try {
    body(d);
  } catch (e) {
    // a write to a frozen (shared) object: name the rule it broke
    if (checked && e instanceof TypeError && /read only|not extensible|Cannot (add|delete)/.test(e.message)) {
      throw new ModelError(`${e.message}: a step wrote the state past model/mm/mutate.ts (write shared state through mutPteTable, mutFrame, mutMirror, ...)`);
    }
    throw e;
  } finally {
    endCow();
  }
  threads[tid] = reshareThread(t0, threads[tid]);
  if (threads[tid] === t0 && d.threads === threads && sameShared(s, d)) return s;
  if (checked) deepFreeze(d);
  return d;
}

/**
 * The successor state when thread `tid` runs outcome `outcome` of its current
 * step. Steps marked `local` that follow (enabled, one outcome) run in the
 * same transition: they touch only the thread's frame, so no other thread can
 * tell, and the state space loses their intermediate states.
 */
export function runStep(reg: ProgramRegistry, s: MmState, tid: number, outcome: number, opts: StepOptions = { backend: 'immer' }): MmState {
  const t0 = s.threads[tid];
  if (!t0) throw new ModelError(`no thread ${tid}`);
  const first = stateStep(reg, t0);
  if (!first) throw new ModelError(`thread ${s.cfg.threads[tid]?.name ?? tid} has ended`);
  const body = (d: MmState): void => stepBody(reg, d, tid, outcome, first);
  const next = opts.backend === 'cow' ? cowStep(s, tid, opts.checked === true, body) : produce(s, body);
  checkFrames(t0, next.threads[tid]!, s.cfg.threads[tid]!.name);
  return next;
}

/**
 * The body of one transition on a writable state `d`: the current step
 * `first`, then the `local` steps that follow while each is enabled with one
 * outcome. `beforeChained` (runStepRecorded.ts) is told before each chained
 * step, so that the recording pass can check that it touches only its thread.
 */
export function stepBody(
  reg: ProgramRegistry,
  d: MmState,
  tid: number,
  outcome: number,
  first: NonNullable<ReturnType<typeof currentStep>>,
  beforeChained?: (label: string) => void,
): void {
  runOne(reg, d, tid, outcome, first);
  for (let i = 0; ; i++) {
    const t = d.threads[tid] as Thread;
    const cur = currentStep(reg, t);
    if (!cur || cur.step.local !== true) return;
    beforeChained?.(`${cur.prog.name}:${cur.step.label}`);
    const { guard, outcomes: o } = cur.step;
    if (guard !== undefined || typeof o === 'function') {
      const v: StepView = { s: d, t, tid, l: cur.frame.locals, contended: contendedFor(reg, d, tid) };
      if (guard && !guard(v)) return;
      if (typeof o === 'function' && o(v) !== 1) return;
    }
    if (typeof o === 'number' && o !== 1) return;
    if (i >= MAX_CHAIN) throw new ModelError(`${d.cfg.threads[tid]!.name}: more than ${MAX_CHAIN} local steps in a row`);
    runOne(reg, d, tid, 0, cur);
  }
}
