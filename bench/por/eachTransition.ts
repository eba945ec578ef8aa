/** The reachable graph of a model, breadth first, for bench/por's experiments (not the engine's bfs: no properties, no stores). */
import type { Model } from '../../src/engine/Model.js';

const keyText = (k: string | ArrayLike<number>): string => (typeof k === 'string' ? k : Array.from(k).join(','));

/** Calls `visit` on every transition (state, action, successor) of `m`'s reachable graph; returns the number of states. */
export function eachTransition<S, A>(m: Model<S, A>, visit: (s: S, a: A, next: S) => void): number {
  const seen = new Set<string>();
  let level: S[] = [...m.initialStates()];
  for (const s of level) seen.add(keyText(m.key(s)));
  while (level.length > 0) {
    const next: S[] = [];
    for (const s of level) {
      const acts: A[] = [];
      m.actions(s, acts);
      for (const a of acts) {
        const ns = m.nextState(s, a);
        visit(s, a, ns);
        const k = keyText(m.key(ns));
        if (seen.has(k)) continue;
        seen.add(k);
        next.push(ns);
      }
    }
    level = next;
  }
  return seen.size;
}
