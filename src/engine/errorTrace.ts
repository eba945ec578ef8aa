import { ModelError, type Model } from './Model.js';
import type { TracePath } from './ExploreResult.js';
import { concretize } from './concretize.js';

/** Where a model error was raised: the path to the state, and the action of that state whose step raised it (absent: the state itself did). */
export interface ErrorAt {
  readonly trace: TracePath;
  readonly action?: number;
}

/**
 * The place of a model error as the user replays it. Under symmetry the
 * explorer's path and action index canonical states: the path is made
 * concrete, and the action becomes the first concrete action whose step
 * raises a model error too.
 */
export function errorAt<S, A>(model: Model<S, A>, trace: TracePath, action: number | undefined, canon?: (s: S) => S): ErrorAt {
  if (!canon) return action === undefined ? { trace } : { trace, action };
  const concrete = concretize(model, trace, canon);
  if (action === undefined) return { trace: concrete };
  let s: S = model.initialStates()[concrete.init]!;
  const acts: A[] = [];
  for (const k of concrete.path) {
    acts.length = 0;
    model.actions(s, acts);
    s = model.nextState(s, acts[k]!);
  }
  acts.length = 0;
  model.actions(s, acts);
  const k = acts.findIndex((a) => {
    try {
      model.nextState(s, a);
      return false;
    } catch (e) {
      return e instanceof ModelError;
    }
  });
  return k < 0 ? { trace: concrete } : { trace: concrete, action: k };
}
