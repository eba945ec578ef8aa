/** Runs a scenario's threads one after another, each to its end (the lowest thread's first enabled action), keeping every state. */
import { expect } from 'vitest';
import { buildMmModel, type MmAction } from '../../../model/MmModel.js';
import type { MmState } from '../../../model/mm/MmState.js';
import type { Scenario } from '../../../model/scenario/Scenario.js';

export function runInOrder(sc: Scenario): MmState[] {
  const model = buildMmModel(sc);
  const out = [model.initialStates()[0]!];
  for (let i = 0; i < 1000 && !model.isDone(out.at(-1)!); i++) {
    const acts: MmAction[] = [];
    model.actions(out.at(-1)!, acts);
    expect(acts.length).toBeGreaterThan(0);
    out.push(
      model.nextState(
        out.at(-1)!,
        acts.reduce((a, b) => (b.thread < a.thread ? b : a)),
      ),
    );
  }
  expect(model.isDone(out.at(-1)!)).toBe(true);
  return out;
}
