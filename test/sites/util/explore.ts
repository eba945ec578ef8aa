/** Test helpers for site fidelity tests: BFS with every property, a one-line verdict, thread 0 run alone. */
import type { MmState } from '../../../model/mm/MmState.js';
import type { MmModel } from '../../../model/MmModel.js';
import { buildMmModel } from '../../../model/MmModel.js';
import type { Scenario } from '../../../model/scenario/Scenario.js';
import { mmProperties } from '../../../properties/mmProperties.js';
import { bfs } from '../../../src/engine/bfs.js';
import type { ExploreResult } from '../../../src/engine/ExploreResult.js';

export const explore = (sc: Scenario, reach?: readonly string[]): ExploreResult => bfs(buildMmModel(sc), mmProperties(sc, reach));

export const verdict = (r: ExploreResult): string =>
  r.status === 'violation'
    ? `violation ${r.violations.map((v) => `${v.property}: ${v.message}`).join('; ')}`
    : r.status === 'model-error'
      ? `model-error ${r.message}`
      : r.status;

/** Runs the threads in order, each alone to its end (its first enabled action each time); returns every state passed. */
export function runInOrder(m: MmModel, s0?: MmState): MmState[] {
  let s = s0 ?? m.initialStates()[0]!;
  const out = [s];
  const acts: { thread: number; outcome: number }[] = [];
  for (let i = 0; i < 5000; i++) {
    acts.length = 0;
    m.actions(s, acts);
    if (acts.length === 0) return out;
    const t = Math.min(...acts.map((a) => a.thread));
    s = m.nextState(
      s,
      acts.find((a) => a.thread === t)!,
    );
    out.push(s);
  }
  throw new Error('the threads did not end in 5000 steps');
}

/** A directed scheduler: `step(t)` runs thread t's first enabled action (false when it has none); `state()` is the current state. */
export function stepper(m: MmModel): { step: (t: number) => boolean; state: () => MmState } {
  let s = m.initialStates()[0]!;
  const acts: { thread: number; outcome: number }[] = [];
  return {
    step: (t) => {
      acts.length = 0;
      m.actions(s, acts);
      const a = acts.find((x) => x.thread === t);
      if (a) s = m.nextState(s, a);
      return a !== undefined;
    },
    state: () => s,
  };
}
