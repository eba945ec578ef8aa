/**
 * Runs one step of one thread: the single way the model changes state.
 * `enabledOutcomes` says how many outcomes a thread's current step has now
 * (0 = blocked or ended).
 */
import { produce } from 'immer';
import { ModelError } from '../../../src/engine/Model.js';
import type { Locals, MmState, ProgFrame, Thread } from '../MmState.js';
import type { CompiledProgram, Step, StepView } from './Program.js';
import { CALLED, DONE } from './Program.js';
import type { ProgramRegistry } from './ProgramRegistry.js';
import { StepCtx } from './StepCtx.js';

/** The step a thread is at, or undefined when it has ended. */
export function currentStep(reg: ProgramRegistry, t: Thread): { prog: CompiledProgram; step: Step; frame: ProgFrame } | undefined {
  const frame = t.frames[t.frames.length - 1];
  if (!frame) return undefined;
  const prog = reg.get(frame.prog);
  const i = prog.index.get(frame.pc);
  if (i === undefined) throw new ModelError(`program ${prog.name} has no label ${frame.pc}`);
  return { prog, step: prog.steps[i]!, frame };
}

export function enabledOutcomes(reg: ProgramRegistry, s: MmState, tid: number): number {
  const t = s.threads[tid]!;
  const cur = currentStep(reg, t);
  if (!cur) return 0;
  const v: StepView = { s, t, tid, l: cur.frame.locals };
  if (cur.step.guard && !cur.step.guard(v)) return 0;
  const o = cur.step.outcomes;
  return o === undefined ? 1 : typeof o === 'number' ? o : o(v);
}

function checkLocals(before: Locals, after: Locals, where: string): void {
  const a = Object.keys(before);
  const b = Object.keys(after);
  if (a.length !== b.length || a.some((k, i) => b[i] !== k)) {
    throw new ModelError(`${where}: locals must be declared in the program's locals() (got ${b.join(',')}, declared ${a.join(',')})`);
  }
}

/** The successor state when thread `tid` runs outcome `outcome` of its current step. */
export function runStep(reg: ProgramRegistry, s: MmState, tid: number, outcome: number): MmState {
  const t0 = s.threads[tid];
  if (!t0) throw new ModelError(`no thread ${tid}`);
  const cur = currentStep(reg, t0);
  if (!cur) throw new ModelError(`thread ${s.cfg.threads[tid]?.name ?? tid} has ended`);
  const { prog, step, frame } = cur;
  const depth = t0.frames.length;
  return produce(s, (d) => {
    const c = new StepCtx(d as MmState, tid, outcome, reg);
    const where = `${s.cfg.threads[tid]!.name}/${prog.name}:${step.label}`;
    const next = step.run(c);
    const t = c.t;
    if (next === CALLED) {
      checkLocals(frame.locals, t.frames[depth - 1]!.locals, where);
      return;
    }
    const frames = t.frames as ProgFrame[];
    if (frames.length !== depth) throw new ModelError(`${where}: frame stack changed without a call`);
    checkLocals(frame.locals, frames[depth - 1]!.locals, where);
    if (next === DONE) {
      frames.pop();
      return;
    }
    let label: string;
    if (next === undefined) {
      const i = prog.index.get(step.label)! + 1;
      const following = prog.steps[i];
      if (!following) throw new ModelError(`${where}: falls off the end of ${prog.name} (return DONE)`);
      label = following.label;
    } else {
      if (!prog.index.has(next)) throw new ModelError(`${where}: goto unknown label ${next}`);
      label = next;
    }
    (frames[depth - 1] as { pc: string }).pc = label;
  });
}
