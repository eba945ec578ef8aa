import { describe, expect, it } from 'vitest';
import { randomCheck } from '../../src/random/randomCheck.js';
import { STRATEGIES } from '../../src/random/Schedule.js';
import { TOY_BUGS, racyCounter } from '../../model/toy/toyBugs.js';
import { toyModel, type ToyThread } from '../../model/toy/toyModel.js';

describe('each strategy finds each toy bug', () => {
  for (const strategy of STRATEGIES) {
    for (const [name, make] of Object.entries(TOY_BUGS)) {
      it(`${strategy} finds ${name}`, () => {
        const bug = make();
        const r = randomCheck(bug, { strategy, seed: 42, runs: 2000, depth: 60 });
        expect(r.status).toBe('violation');
        if (r.status !== 'violation') return;
        expect(r.violation.property).toBe(bug.violates);
        expect(r.seed).toBe(42);
      });
    }
  }
});

describe('a correct program passes', () => {
  it('a counter under a lock loses no update', () => {
    const inc = (t: number): ToyThread => ({
      name: `inc#${t}`,
      steps: [
        { label: 'lock', guard: (v) => v.lock === 0, run: (v) => ({ ...v, lock: 1 }) },
        { label: 'read', run: (v) => ({ ...v, [`tmp${t}`]: v.count! }) },
        { label: 'write', run: (v) => ({ ...v, count: v[`tmp${t}`]! + 1, done: v.done! + 1 }) },
        { label: 'unlock', run: (v) => ({ ...v, lock: 0 }) },
      ],
    });
    const model = toyModel('locked-counter', [inc(0), inc(1), inc(2)], { count: 0, done: 0, lock: 0 });
    for (const strategy of STRATEGIES) {
      const r = randomCheck({ model, properties: racyCounter().properties }, { strategy, seed: 3, runs: 200, depth: 40 });
      expect(r.status).toBe('ok');
      expect(r.runs).toBe(200);
      expect(r.transitions).toBe(200 * 12);
    }
  });
});
