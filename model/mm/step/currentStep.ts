/** Where a thread is (its current step) and which locks others could hold inside one-step sections. */
import { ModelError } from '../../../src/engine/Model.js';
import type { Locals, MmState, ProgFrame, Thread } from '../MmState.js';
import type { CompiledProgram, Step, StepView } from './Program.js';
import type { ProgramRegistry } from './ProgramRegistry.js';
import { activeRecorder } from '../footprint/recordingProxy.js';
import { SEP } from '../footprint/Footprint.js';
import { Identity } from '../Identity.js';
import { watchGranted } from '../locks.js';

export interface CurrentStep {
  readonly prog: CompiledProgram;
  readonly step: Step;
  readonly frame: ProgFrame;
}

/**
 * A frame's step, kept on the frame (a private field: the key and copies do
 * not see it) with the registry it was looked up in: frames never change and
 * are shared by every state that has them, and each state asks for its
 * threads' steps (MmModel.actions, runStep) by two map lookups.
 */
class FrameStep extends Identity {
  #reg: ProgramRegistry;
  #cur: CurrentStep;
  private constructor(frame: ProgFrame, reg: ProgramRegistry, cur: CurrentStep) {
    super(frame);
    this.#reg = reg;
    this.#cur = cur;
  }
  static get(frame: ProgFrame, reg: ProgramRegistry): CurrentStep | undefined {
    return #reg in frame && frame.#reg === reg ? frame.#cur : undefined;
  }
  static keep(frame: ProgFrame, reg: ProgramRegistry, cur: CurrentStep): void {
    if (!(#reg in frame)) new FrameStep(frame, reg, cur);
  }
}

/**
 * The innermost frame of `t`, or undefined when it has ended. Not
 * `frames[frames.length - 1]`: on an ended thread that reads index -1, a
 * lookup of the property "-1" up the array's prototype chain, and it made
 * the read megamorphic (`node --log-ic`) on every state with an ended thread.
 */
export function topFrame(t: Thread): ProgFrame | undefined {
  const n = t.frames.length;
  return n === 0 ? undefined : t.frames[n - 1];
}

/** The step a thread is at, or undefined when it has ended. */
export function currentStep(reg: ProgramRegistry, t: Thread): CurrentStep | undefined {
  const frame = topFrame(t);
  if (!frame) return undefined;
  const prog = reg.get(frame.prog);
  const i = prog.index.get(frame.pc);
  if (i === undefined) throw new ModelError(`program ${prog.name} has no label ${frame.pc}`);
  return { prog, step: prog.steps[i]!, frame };
}

/**
 * currentStep of a thread of a state no step is writing (an explored state:
 * MmModel.actions, the first step of runStep), kept on its top frame. Not
 * inside a step, whose frames are written in place (the cow step's own
 * copies, immer's drafts), nor on a recording pass, whose frames are proxies
 * that record each read of prog and pc.
 */
export function stateStep(reg: ProgramRegistry, t: Thread): CurrentStep | undefined {
  if (activeRecorder() !== undefined) return currentStep(reg, t);
  const frame = topFrame(t);
  if (!frame) return undefined;
  const kept = FrameStep.get(frame, reg);
  if (kept !== undefined) return kept;
  const cur = currentStep(reg, t)!;
  FrameStep.keep(frame, reg, cur);
  return cur;
}

/**
 * StepView.contended for thread `tid`: another thread at an enabled section step on the lock.
 * A recording pass (model/mm/footprint/) records this as a read of `sections.LOCK`
 * (which threads stand at a section step on it: runStepRecorded.ts writes it
 * when a thread's standing changes) and of the lock (at its id), not as reads of every
 * other thread's frames.
 */
export function isContended(reg: ProgramRegistry, s: MmState, tid: number, lock: string): boolean {
  const rec = activeRecorder();
  // the other threads' guards' canTake are theirs, not locks this step found free (runStepRecorded.ts)
  let granted: string[] | undefined;
  if (rec) {
    rec.read(`sections${SEP}${lock}`);
    rec.read(`locks${SEP}${s.cfg.lockIds.get(lock) ?? lock}`);
    rec.paused++;
    granted = watchGranted(undefined);
  }
  try {
    return s.threads.some((t, i) => i !== tid && sectionOf(reg, s, t, i, true) === lock);
  } finally {
    if (rec) {
      rec.paused--;
      watchGranted(granted);
    }
  }
}

/**
 * The StepView of thread `tid` at step `cur` (guards, outcome counts, traces): one class, its
 * `contended` a method, so that a view allocates no closure (enabledOutcomes builds one per
 * guarded thread of every state). Without a registry (a section's own guard, sectionOf) no
 * lock is contended.
 */
class ThreadView implements StepView {
  constructor(
    private readonly reg: ProgramRegistry | null,
    readonly s: MmState,
    readonly t: Thread,
    readonly tid: number,
    readonly l: Locals,
  ) {}
  contended(lock: string): boolean {
    return this.reg !== null && isContended(this.reg, this.s, this.tid, lock);
  }
}

/** The view of thread `tid` of `s` (thread `t`, at step `cur`); `reg` null: nothing contended. */
export function viewOf(reg: ProgramRegistry | null, s: MmState, t: Thread, tid: number, cur: CurrentStep): StepView {
  return new ThreadView(reg, s, t, tid, cur.frame.locals);
}

/** The lock of the section step thread `t` (id `i`) stands at (when `enabled`: only if its guard holds), or undefined. */
export function sectionOf(reg: ProgramRegistry, s: MmState, t: Thread, i: number, enabled: boolean): string | undefined {
  const cur = currentStep(reg, t);
  if (!cur?.step.section) return undefined;
  const v = viewOf(null, s, t, i, cur);
  if (enabled && cur.step.guard && !cur.step.guard(v)) return undefined;
  return cur.step.section(v);
}
