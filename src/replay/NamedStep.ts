import type { Model } from '../engine/Model.js';
import type { TracePath } from '../engine/ExploreResult.js';

/**
 * One step of a counterexample, by what it does rather than by action index:
 * robust against a model that adds or reorders actions. `nth` tells apart
 * actions of one thread that share a label (0, the first, when omitted).
 */
export interface NamedStep {
  readonly thread: string;
  readonly label: string;
  readonly nth?: number;
}

/** The index in `actions` of the action `step` names, or -1. */
export function findNamedAction<S, A>(model: Model<S, A>, state: S, actions: readonly A[], step: NamedStep): number {
  let seen = 0;
  const want = step.nth ?? 0;
  for (let i = 0; i < actions.length; i++) {
    const info = model.describeAction(state, actions[i]!);
    if (info.thread === step.thread && info.label === step.label) {
      if (seen === want) return i;
      seen++;
    }
  }
  return -1;
}

/** Names each step of an index trace. Throws when the trace does not replay (a non-deterministic model). */
export function toNamedSteps<S, A>(model: Model<S, A>, trace: TracePath): NamedStep[] {
  const inits = model.initialStates();
  let state = inits[trace.init];
  if (state === undefined) throw new Error(`${model.name}: trace starts at missing initial state ${trace.init}`);
  const steps: NamedStep[] = [];
  const actions: A[] = [];
  for (const index of trace.path) {
    actions.length = 0;
    model.actions(state, actions);
    const action = actions[index];
    if (action === undefined) throw new Error(`${model.name}: trace does not replay (non-deterministic model?)`);
    steps.push(toNamedStep(model, state, actions, index));
    state = model.nextState(state, action);
  }
  return steps;
}

/** The name of `actions[index]` in `state`. */
export function toNamedStep<S, A>(model: Model<S, A>, state: S, actions: readonly A[], index: number): NamedStep {
  const info = model.describeAction(state, actions[index]!);
  let nth = 0;
  for (let i = 0; i < index; i++) {
    const other = model.describeAction(state, actions[i]!);
    if (other.thread === info.thread && other.label === info.label) nth++;
  }
  return nth === 0 ? { thread: info.thread, label: info.label } : { thread: info.thread, label: info.label, nth };
}
