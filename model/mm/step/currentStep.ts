/** Where a thread is (its current step) and which locks others could hold inside one-step sections. */
import { ModelError } from '../../../src/engine/Model.js';
import type { MmState, ProgFrame, Thread } from '../MmState.js';
import type { CompiledProgram, Step, StepView } from './Program.js';
import type { ProgramRegistry } from './ProgramRegistry.js';
import { activeRecorder } from '../footprint/recordingProxy.js';
import { SEP } from '../footprint/Footprint.js';

/** The step a thread is at, or undefined when it has ended. */
export function currentStep(reg: ProgramRegistry, t: Thread): { prog: CompiledProgram; step: Step; frame: ProgFrame } | undefined {
  const frame = t.frames[t.frames.length - 1];
  if (!frame) return undefined;
  const prog = reg.get(frame.prog);
  const i = prog.index.get(frame.pc);
  if (i === undefined) throw new ModelError(`program ${prog.name} has no label ${frame.pc}`);
  return { prog, step: prog.steps[i]!, frame };
}

/**
 * StepView.contended for thread `tid`: another thread at an enabled section step on the lock.
 * A recording pass (model/mm/footprint/) records this as a read of `sections.LOCK`
 * (which threads stand at a section step on it: runStepRecorded.ts writes it
 * when a thread's standing changes) and of the lock (at its id), not as reads of every
 * other thread's frames.
 */
export function contendedFor(reg: ProgramRegistry, s: MmState, tid: number): (lock: string) => boolean {
  return (lock) => {
    const rec = activeRecorder();
    if (rec) {
      rec.read(`sections${SEP}${lock}`);
      rec.read(`locks${SEP}${s.cfg.lockIds.get(lock) ?? lock}`);
      rec.paused++;
    }
    try {
      return s.threads.some((t, i) => i !== tid && sectionOf(reg, s, t, i, true) === lock);
    } finally {
      if (rec) rec.paused--;
    }
  };
}

/** The lock of the section step thread `t` (id `i`) stands at (when `enabled`: only if its guard holds), or undefined. */
export function sectionOf(reg: ProgramRegistry, s: MmState, t: Thread, i: number, enabled: boolean): string | undefined {
  const cur = currentStep(reg, t);
  if (!cur?.step.section) return undefined;
  const v: StepView = { s, t, tid: i, l: cur.frame.locals, contended: () => false };
  if (enabled && cur.step.guard && !cur.step.guard(v)) return undefined;
  return cur.step.section(v);
}
