/**
 * Every state a breadth-first exploration of `model` reaches, its initial
 * states first: each successor as the model made it, duplicates included
 * (tests that look at the objects themselves: their hidden classes, their
 * pages).
 */
import { bfs } from '../../src/engine/bfs.js';
import type { Model } from '../../src/engine/Model.js';
import type { Property } from '../../src/engine/Property.js';

export function reachedStates<S, A>(model: Model<S, A>, properties: readonly Property<S, A>[] = []): S[] {
  const out: S[] = [...model.initialStates()];
  const recording: Model<S, A> = {
    ...model,
    nextState: (s, a) => {
      const n = model.nextState(s, a);
      out.push(n);
      return n;
    },
  };
  bfs(recording, properties, {});
  return out;
}
