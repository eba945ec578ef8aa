import type { Model } from './Model.js';
import type { TracePath } from './ExploreResult.js';

/** A replayed trace: `states[i + 1] = nextState(states[i], actions[i])`. */
export interface Replayed<S, A> {
  readonly states: readonly S[];
  readonly actions: readonly A[];
  readonly final: S;
}

/** Replay diverged from the recorded trace: the model is not deterministic. */
export class NondeterminismError extends Error {
  constructor(message: string) {
    super(`${message}: the model is not deterministic (the same state must give the same actions and successors)`);
    this.name = 'NondeterminismError';
  }
}

/**
 * Rebuilds the states of a trace stored as action indices. A trace the
 * explorer stored under symmetry reduction indexes the actions of canonical
 * states: pass the same `canon` to walk it (or `concretize` it first).
 */
export function replay<S, A>(model: Model<S, A>, trace: TracePath, canon?: (s: S) => S): Replayed<S, A> {
  const inits = model.initialStates();
  const init = inits[trace.init];
  const first = init === undefined || !canon ? init : canon(init);
  if (first === undefined) throw new NondeterminismError(`initial state ${trace.init} is gone`);
  const states: S[] = [first];
  const actions: A[] = [];
  const acts: A[] = [];
  let s: S = first;
  for (let i = 0; i < trace.path.length; i++) {
    acts.length = 0;
    model.actions(s, acts);
    const a = acts[trace.path[i]!];
    if (a === undefined) throw new NondeterminismError(`step ${i + 1}: action ${trace.path[i]} is not enabled any more`);
    s = model.nextState(s, a);
    if (canon) s = canon(s);
    actions.push(a);
    states.push(s);
  }
  return { states, actions, final: s };
}
