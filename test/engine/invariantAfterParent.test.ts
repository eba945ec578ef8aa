/**
 * bfs and dfs judge an invariant with `checkAfter` against the state they
 * expanded (src/engine/Property.ts): only a parent on which every invariant held.
 * Under allViolations a state that failed one is still expanded; its
 * successors are checked whole, so the first failing invariant of each
 * state, and so what is reported, is what `check` alone gives.
 */
import { describe, expect, it } from 'vitest';
import { bfs } from '../../src/engine/bfs.js';
import { dfs } from '../../src/engine/dfs.js';
import type { Model } from '../../src/engine/Model.js';
import type { Invariant } from '../../src/engine/Property.js';

interface S {
  readonly n: number;
  readonly part: { readonly bad: boolean };
}

const GOOD = { bad: false };
const BAD = { bad: true };

/** A chain 0 -> 1 -> 2 -> 3; state 1 takes the bad part, and its successors share that object. */
const chain: Model<S, number> = {
  name: 'chain',
  initialStates: () => [{ n: 0, part: GOOD }],
  actions: (s, out) => void (s.n < 3 && out.push(0)),
  nextState: (s) => ({ n: s.n + 1, part: s.n === 0 ? BAD : s.part }),
  key: (s) => [s.n, s.part.bad ? 1 : 0],
  isDone: (s) => s.n === 3,
  describeAction: () => ({ thread: 't', label: 'step' }),
  describeState: (s) => ({ n: s.n }),
};

/** Fails on the bad part; after a parent it held on, judged by the part's identity (it reads nothing else). */
const partOk = (calls: { whole: number; after: number }): Invariant<S> => ({
  name: 'part-ok',
  description: 'the part is good',
  kind: 'invariant',
  check: (s) => (calls.whole++, s.part.bad ? 'bad part' : undefined),
  checkAfter: (s, parent) => (calls.after++, s.part === parent.part ? undefined : s.part.bad ? 'bad part' : undefined),
});

const notTwo: Invariant<S> = { name: 'not-two', description: 'n is not 2', kind: 'invariant', check: (s) => (s.n === 2 ? 'two' : undefined) };

describe.each([
  ['bfs', bfs],
  ['dfs', dfs],
])('%s and Invariant.checkAfter', (_name, explore) => {
  it('judges a successor after the parent it expanded when that parent held every invariant', () => {
    const calls = { whole: 0, after: 0 };
    const r = explore({ ...chain, nextState: (s) => ({ n: s.n + 1, part: s.part }) }, [partOk(calls)]);
    expect(r.status).toBe('ok');
    expect(calls).toEqual({ whole: 1, after: 3 }); // the initial state whole, its successors after their parent
  });

  it('checks whole the successors of a state that failed an invariant (allViolations): what is reported is check alone', () => {
    const calls = { whole: 0, after: 0 };
    const r = explore(chain, [partOk(calls), notTwo], { allViolations: true });
    // state 2 fails part-ok first (as state 1 did), so not-two, second in order, is never its first failure
    expect(r.violations.map((v) => v.property)).toEqual(['part-ok']);
    expect(calls).toEqual({ whole: 3, after: 1 }); // 0 whole; 1 after 0; 2 and 3 whole (their parents failed)
  });
});
