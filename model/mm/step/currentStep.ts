/** Where a thread is (its current step) and which locks others could hold inside one-step sections. */
import { ModelError } from '../../../src/engine/Model.js';
import type { MmState, ProgFrame, Thread } from '../MmState.js';
import type { CompiledProgram, Step, StepView } from './Program.js';
import type { ProgramRegistry } from './ProgramRegistry.js';

/** The step a thread is at, or undefined when it has ended. */
export function currentStep(reg: ProgramRegistry, t: Thread): { prog: CompiledProgram; step: Step; frame: ProgFrame } | undefined {
  const frame = t.frames[t.frames.length - 1];
  if (!frame) return undefined;
  const prog = reg.get(frame.prog);
  const i = prog.index.get(frame.pc);
  if (i === undefined) throw new ModelError(`program ${prog.name} has no label ${frame.pc}`);
  return { prog, step: prog.steps[i]!, frame };
}

/** StepView.contended for thread `tid`: another thread at an enabled section step on the lock. */
export function contendedFor(reg: ProgramRegistry, s: MmState, tid: number): (lock: string) => boolean {
  return (lock) =>
    s.threads.some((t, i) => {
      if (i === tid) return false;
      const cur = currentStep(reg, t);
      if (!cur?.step.section) return false;
      const v: StepView = { s, t, tid: i, l: cur.frame.locals, contended: () => false };
      return cur.step.section(v) === lock && (!cur.step.guard || cur.step.guard(v));
    });
}
