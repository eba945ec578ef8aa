import { describe, expect, it } from 'vitest';
import { randomCheck } from '../../src/random/randomCheck.js';
import { STRATEGIES } from '../../src/random/Schedule.js';
import type { RandomResult } from '../../src/random/RandomResult.js';
import { flagRace, publishOrder } from '../../model/toy/toyBugs.js';

/** A result without its timings (the only part that may differ between equal runs). */
function untimed<P>(r: RandomResult<P>): unknown {
  const { seconds: _s, ...rest } = r as RandomResult<P> & { secondsToFind?: number };
  if ('secondsToFind' in rest) delete (rest as { secondsToFind?: number }).secondsToFind;
  return rest;
}

describe('same seed, same result', () => {
  for (const strategy of STRATEGIES) {
    it(`${strategy}: two runs with one seed agree, step for step`, () => {
      const a = randomCheck(flagRace(2), { strategy, seed: 1234, runs: 2000, depth: 60 });
      const b = randomCheck(flagRace(2), { strategy, seed: 1234, runs: 2000, depth: 60 });
      expect(a.status).toBe('violation');
      expect(untimed(b)).toEqual(untimed(a));
    });
  }

  it('different seeds draw different schedules', () => {
    const results = [1, 2, 3, 4, 5, 6].map((seed) => randomCheck(publishOrder(8, 2), { strategy: 'uniform', seed, runs: 500, depth: 60 }));
    const firsts = new Set(results.map((r) => (r.status === 'violation' ? `${r.runs}:${r.lengths.found}` : r.status)));
    expect(firsts.size).toBeGreaterThan(1);
  });

  it('the fast-check path replays the shrunk schedule in one run', () => {
    for (const strategy of STRATEGIES) {
      const first = randomCheck(flagRace(2), { strategy, seed: 99, runs: 2000, depth: 60 });
      if (first.status !== 'violation') throw new Error(`${strategy} found nothing`);
      const again = randomCheck(flagRace(2), { strategy, seed: 99, runs: 2000, depth: 60, path: first.path });
      expect(again.status).toBe('violation');
      if (again.status !== 'violation') return;
      expect(again.runs).toBe(1);
      expect(again.lengths.found).toBe(first.lengths.shrunk);
      expect(again.lengths.shrunk).toBe(first.lengths.shrunk);
      expect(again.path).toBe(first.path);
      expect(again.steps).toEqual(first.steps);
    }
  });
});
