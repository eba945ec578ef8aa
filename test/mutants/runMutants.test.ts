import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine/Model.js';
import type { Property } from '../../src/engine/Property.js';
import type { Mutant, MutantSuite } from '../../src/mutants/Mutant.js';
import { runMutants } from '../../src/mutants/runMutants.js';
import { formatMutantReport } from '../../src/mutants/formatMutantReport.js';

/** Toy: two threads each add `inc` to a counter twice; `limit` bounds it. */
function counter(inc: number): Model<readonly [number, number, number], number> {
  return {
    name: `counter+${inc}`,
    initialStates: () => [[0, 0, 0]],
    actions: (s, out) => {
      if (s[1] < 2) out.push(0);
      if (s[2] < 2) out.push(1);
    },
    nextState: (s, a) => (a === 0 ? [s[0] + inc, s[1] + 1, s[2]] : [s[0] + inc, s[1], s[2] + 1]),
    key: (s) => s,
    isDone: (s) => s[1] === 2 && s[2] === 2,
    describeAction: (_s, a) => ({ thread: `t${a}`, label: 'add' }),
    describeState: (s) => ({ n: s[0] }),
  };
}
type S = readonly [number, number, number];
const props: Property<S, number>[] = [
  { name: 'at-most-4', description: 'n <= 4', kind: 'invariant', check: (s) => (s[0] > 4 ? `n=${s[0]}` : undefined) },
  { name: 'even-end', description: 'n even at the end', kind: 'terminal', check: (s) => (s[0] % 2 ? 'odd' : undefined) },
];
const mutant = (id: string, inc: number, expects: string): Mutant<S, number> => ({
  id,
  description: `adds ${inc}`,
  expects,
  baseline: 'plus-one',
  subject: () => ({ model: counter(inc), properties: props }),
});
const suite = (ms: Mutant<S, number>[]): MutantSuite<S, number> => ({
  mutants: ms,
  baseline: () => ({ model: counter(1), properties: props }),
});

describe('runMutants', () => {
  it('kills a mutant through the property it expects, with a shortest trace', () => {
    const r = runMutants(suite([mutant('plus-two', 2, 'at-most-4')]));
    expect(r.baselines).toEqual([{ baseline: 'plus-one', status: 'ok', distinctStates: 9, problem: null, budgetHit: false }]);
    expect(r.mutants[0]).toMatchObject({ id: 'plus-two', killed: true, property: 'at-most-4', length: 3 });
    expect(r.pass).toBe(true);
  });
  it('finds the expected property even when another fails first', () => {
    const r = runMutants(suite([mutant('plus-three', 3, 'even-end')]));
    expect(r.mutants[0]).toMatchObject({ killed: false, property: 'at-most-4' });
    const odd = runMutants(suite([mutant('plus-three', 3, 'at-most-4'), mutant('odd', 3, 'even-end')]));
    expect(odd.mutants.map((m) => m.killed)).toEqual([true, false]);
  });
  it('reports a survivor and fails the run', () => {
    const r = runMutants(suite([mutant('same', 1, 'at-most-4')]));
    expect(r.mutants[0]).toMatchObject({ killed: false, property: null, length: null, status: 'ok' });
    expect(r.pass).toBe(false);
    expect(formatMutantReport(r)).toContain('SURVIVED (expected at-most-4; got ok)');
  });
});
