/**
 * Runs one step of one thread: the single way the model changes state.
 * `enabledOutcomes` says how many outcomes a thread's current step has now
 * (0 = blocked or ended).
 */
import { produce } from 'immer';
import { beginCow, deepFreeze, endCow, mutFrames, mutTopFrame } from '../mutate.js';
import { ModelError } from '../../../src/engine/Model.js';
import type { Locals, MmState, ProgFrame, Thread } from '../MmState.js';
import type { CompiledProgram, Step } from './Program.js';
import { CALLED, DONE } from './Program.js';
import type { ProgramRegistry } from './ProgramRegistry.js';
import { StepCtxImpl } from './StepCtxImpl.js';
import { reshareThread } from './reshareThread.js';
import { copyRoot, sameShared } from '../copyRoot.js';
import { currentStep, stateStep, viewOf, type CurrentStep } from './currentStep.js';
import { activeRecorder } from '../footprint/recordingProxy.js';
import { atTornDownWalk } from '../tornDownWalk.js';
import { COVERAGE } from './stepCoverage.js';

export function enabledOutcomes(reg: ProgramRegistry, s: MmState, tid: number): number {
  const t = s.threads[tid]!;
  const cur = stateStep(reg, t);
  if (!cur) return 0;
  const { guard, outcomes: o } = cur.step;
  // most steps have neither a guard nor an outcome function: no view to build (once per thread per state)
  if (guard === undefined && typeof o !== 'function') return o ?? 1;
  // a walk of an mm exit_mmap tears down (a device's, or a walker's from outside the process): one step, a use after
  // free the model does not follow (runStep; its guard, which may read a freed table, is not evaluated)
  if (atTornDownWalk(s, tid)) return 1;
  const v = viewOf(reg, s, t, tid, cur);
  if (guard && !guard(v)) return 0;
  return o === undefined ? 1 : typeof o === 'number' ? o : o(v);
}

/** The keys of the locals checkLocals compares against (one array, overwritten: the check allocates nothing, and never empties it by `length = 0`, a call into V8's runtime). */
const declaredKeys: string[] = [];

/** `after` has the keys of `before` (the frame's locals as the program declared them), in their order. */
function checkLocals(before: Locals, after: Locals, thread: string, prog: string): void {
  let n = 0;
  for (const k in before) declaredKeys[n++] = k;
  let i = 0;
  let same = true;
  for (const k in after) if (i >= n || declaredKeys[i++] !== k) same = false;
  if (!same || i !== n) {
    const b = Object.keys(after);
    throw new ModelError(
      `${thread}/${prog}: locals must be declared in the program's locals() (got ${b.join(',')}, declared ${Object.keys(before).join(',')})`,
    );
  }
}

/** `thread/program:label`, for runOne's errors. */
function where(d: MmState, tid: number, cur: CurrentStep): string {
  return `${d.cfg.threads[tid]!.name}/${cur.prog.name}:${cur.step.label}`;
}

/**
 * Runs the current step of thread tid on the draft. Returns the thread's
 * next step when the step itself says which (a label of its program, a
 * callee's first step), so that stepBody need not look it up by name; else
 * (a return) undefined.
 */
function runOne(reg: ProgramRegistry, d: MmState, tid: number, outcome: number, cur: CurrentStep): CurrentStep | undefined {
  const { prog, step } = cur; // read before NEXT is written: `cur` may be NEXT itself
  COVERAGE.run?.add(step);
  const c = new StepCtxImpl(d, tid, outcome, reg, prog);
  const t = c.t;
  const depth = t.frames.length;
  const next = step.run(c);
  if (next === CALLED) {
    const callee = c.program;
    return nextIs(callee, callee.steps[0]!, t.frames[t.frames.length - 1]!);
  }
  const frames = t.frames;
  if (frames.length !== depth) throw new ModelError(`${where(d, tid, cur)}: frame stack changed without a call`);
  if (next === DONE) {
    mutFrames(t).pop();
    return undefined;
  }
  let following: Step | undefined;
  if (next === undefined) {
    following = prog.steps[prog.index.get(step.label)! + 1];
    if (!following) throw new ModelError(`${where(d, tid, cur)}: falls off the end of ${prog.name} (return DONE)`);
  } else {
    const i = prog.index.get(next);
    if (i === undefined) throw new ModelError(`${where(d, tid, cur)}: goto unknown label ${next}`);
    following = prog.steps[i]!;
  }
  const top = mutTopFrame(t);
  top.pc = following.label;
  return nextIs(prog, following, top);
}

/**
 * The step runOne says comes next: one object, rewritten by each runOne (a
 * transition runs one or a few steps; stepBody reads it before the next
 * runOne). Never a kept step (stateStep's), which is never written.
 */
const NEXT: { prog: CompiledProgram; step: Step; frame: ProgFrame } = { prog: undefined!, step: undefined!, frame: undefined! };

function nextIs(prog: CompiledProgram, step: Step, frame: ProgFrame): CurrentStep {
  NEXT.prog = prog;
  NEXT.step = step;
  NEXT.frame = frame;
  return NEXT;
}

/** Local steps chained after a step, at most this many (a local loop is a model bug). */
const MAX_CHAIN = 1000;

/** Every frame of the new thread state that exists in the old one keeps its declared locals. */
function checkFrames(before: Thread, after: Thread, name: string): void {
  const n = Math.min(before.frames.length, after.frames.length);
  for (let i = 0; i < n; i++) {
    const a = before.frames[i]!;
    const b = after.frames[i]!;
    if (a.locals !== b.locals && a.prog === b.prog) checkLocals(a.locals, b.locals, name, b.prog); // the message is built only on an error
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
 * A one-level copy of the running thread, its fields spelt out in Thread's
 * order: an object literal of one shape, where a spread of threads of
 * several shapes went through V8's slow generic copy (~2 % of a run).
 */
function copyThread(t: Thread): Thread {
  return { frames: t.frames, held: t.held, ranges: t.ranges, gather: t.gather, rv: t.rv, task: t.task };
}

/**
 * Runs the step (stepBody) on a cow successor of `s`: the root and the running thread's
 * object are copied; the thread's parts and the shared parts are copied when
 * model/mm/mutate.ts writes them, then the thread is re-shared where a copied
 * part came out unchanged (a step that reads its locals copies them).
 * Returns `s` itself when the step changed nothing (as produce does).
 */
function cowStep(reg: ProgramRegistry, s: MmState, tid: number, outcome: number, first: CurrentStep, checked: boolean): MmState {
  const threads = s.threads.slice();
  const t0 = s.threads[tid]!;
  const t = copyThread(t0);
  threads[tid] = t;
  const d = copyRoot(s, threads);
  beginCow(d, t);
  try {
    stepBody(reg, d, tid, outcome, first);
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
  const next = opts.backend === 'cow' ? cowStep(reg, s, tid, outcome, first, opts.checked === true) : produce(s, (d) => stepBody(reg, d, tid, outcome, first));
  checkFrames(t0, next.threads[tid]!, s.cfg.threads[tid]!.name);
  return next;
}

/**
 * The body of one transition on a writable state `d`: the current step
 * `first`, then the `local` steps that follow while each is enabled with one
 * outcome. `beforeChained` (runStepRecorded.ts) is told before each chained
 * step, so that the recording pass can check that it touches only its thread.
 */
export function stepBody(reg: ProgramRegistry, d: MmState, tid: number, outcome: number, first: CurrentStep, beforeChained?: (label: string) => void): void {
  // a walk of an mm exit_mmap tears down (tornDownWalk.ts) reads and writes freed page tables and vmas: the model does not
  // follow it; its step changes nothing, so the successor is the state itself (cowStep and produce return it;
  // walk-holds-mm-users judges that step: model/mm/tornDownWalk.ts)
  if (atTornDownWalk(d, tid)) {
    COVERAGE.run?.add(first.step);
    return;
  }
  let known = runOne(reg, d, tid, outcome, first);
  // a recording pass looks the step up as before: its frames are proxies that record the reads of prog and pc
  const recording = activeRecorder() !== undefined;
  for (let i = 0; ; i++) {
    const t = d.threads[tid] as Thread;
    const cur = known !== undefined && !recording ? known : currentStep(reg, t);
    if (!cur || cur.step.local !== true) return;
    beforeChained?.(`${cur.prog.name}:${cur.step.label}`);
    const { guard, outcomes: o } = cur.step;
    if (guard !== undefined || typeof o === 'function') {
      const v = viewOf(reg, d, t, tid, cur);
      if (guard && !guard(v)) return;
      if (typeof o === 'function' && o(v) !== 1) return;
    }
    if (typeof o === 'number' && o !== 1) return;
    if (i >= MAX_CHAIN) throw new ModelError(`${d.cfg.threads[tid]!.name}: more than ${MAX_CHAIN} local steps in a row`);
    known = runOne(reg, d, tid, 0, cur);
  }
}
