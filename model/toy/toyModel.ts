/** A toy model: threads of labelled steps over shared numeric variables, for the engine and the random strategies (test/, bench/). */
import type { Model } from '../../src/engine/Model.js';

/** Shared variables of a toy program. */
export type Vars = Readonly<Record<string, number>>;

/** One labelled step of a toy thread: enabled when `guard` holds, then `run` gives the new variables. */
export interface ToyStep {
  readonly label: string;
  readonly guard?: (v: Vars) => boolean;
  readonly run: (v: Vars) => Vars;
}

export interface ToyThread {
  readonly name: string;
  readonly steps: readonly ToyStep[];
}

export interface ToyState {
  readonly pc: readonly number[];
  readonly vars: Vars;
}

/** A toy program for engine tests: threads of guarded steps over shared variables. An action is a thread index. */
export function toyModel(name: string, threads: readonly ToyThread[], vars: Vars): Model<ToyState, number> {
  return {
    name,
    initialStates: () => [{ pc: threads.map(() => 0), vars }],
    actions(state, out) {
      threads.forEach((t, i) => {
        const step = t.steps[state.pc[i]!];
        if (step !== undefined && (step.guard?.(state.vars) ?? true)) out.push(i);
      });
    },
    nextState(state, i) {
      const step = threads[i]!.steps[state.pc[i]!]!;
      return { pc: state.pc.map((p, j) => (j === i ? p + 1 : p)), vars: step.run(state.vars) };
    },
    key: (state) => JSON.stringify(state),
    isDone: (state) => state.pc.every((p, i) => p === threads[i]!.steps.length),
    describeAction: (state, i) => ({ thread: threads[i]!.name, label: threads[i]!.steps[state.pc[i]!]!.label }),
    describeState: (state) => ({ ...state.vars, ...Object.fromEntries(threads.map((t, i) => [`pc.${t.name}`, state.pc[i]!])) }),
  };
}

/** `n` threads that each take `k` steps touching only their own counter: noise for the scheduler. */
export function noiseThreads(n: number, k: number): ToyThread[] {
  return Array.from({ length: n }, (_, t) => ({
    name: `noise#${t}`,
    steps: Array.from({ length: k }, (_, s) => ({ label: `noise:step${s}`, run: (v: Vars) => ({ ...v, [`n${t}`]: s + 1 }) })),
  }));
}
