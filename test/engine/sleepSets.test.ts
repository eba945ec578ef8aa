/**
 * Issue 11: the sleep sets (src/engine/por/SleepSets.ts). Alone (no ample
 * set taken) they must reach every state a full search reaches and every
 * verdict, with fewer transitions; with a wrong independence relation they
 * lose states, and the debug check (`porCheck`) says so.
 */
import { describe, expect, it } from 'vitest';
import { bfs } from '../../src/engine/bfs.js';
import type { PartialOrder } from '../../src/engine/PartialOrder.js';
import type { Model } from '../../src/engine/Model.js';
import { independent } from './util/toyModels.js';
import { sharedBits } from './util/sharedBits.js';

/** independent(n, k) with footprints: each thread touches its own counter only, and its future is declared as everything (no ample set). */
function independentSlept(n: number, k: number): Model<readonly number[], number> {
  const none = { w: [] as number[] };
  const all = { w: [...Array(n).keys()] };
  const po: PartialOrder<readonly number[], number, { w: readonly number[] }> = {
    thread: (a) => a,
    actionKey: (a) => a,
    threadCount: () => n,
    footprint: (_s, a) => ({ w: [a] }),
    checkReads: () => {},
    edgeReads: () => none,
    conflict: (x, y) => (x.w.some((v) => y.w.includes(v)) ? 'a counter' : undefined),
    conflicts: (x, y) => x.w.some((v) => y.w.includes(v)),
    future: () => all,
    visible: () => none,
    union: (fs) => ({ w: fs.flatMap((f) => f.w) }),
  };
  return { ...independent(n, k), partialOrder: po };
}

describe('sleep sets', () => {
  it('independent threads: every state once, by one transition each ((K+1)^N states, (K+1)^N - 1 transitions)', () => {
    const r = bfs(independentSlept(3, 2), [], { por: true, sleepSets: true });
    expect(r.status).toBe('ok');
    expect(r.stats.distinctStates).toBe(27);
    expect(r.stats.transitions).toBe(26);
    expect(r.stats.por).toMatchObject({ reducedStates: 0, sleptTransitions: 54 - 26, lateStates: 0 });
    expect(bfs(independentSlept(3, 2), [], { por: true }).stats.transitions).toBe(54); // the ample sets alone take none here
  });

  it('alone, they reach every state and the same deadlocks and end states on 300 random shared-bit models, with fewer transitions in total', () => {
    let full = 0;
    let slept = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const m = sharedBits(seed);
      const a = bfs(m, [], { allViolations: true });
      const b = bfs(m, [], { allViolations: true, por: true, sleepSets: true, porCheck: true });
      expect({ seed, status: b.status, states: b.stats.distinctStates }).toEqual({ seed, status: a.status, states: a.stats.distinctStates });
      expect(b.violations.map((v) => v.kind)).toEqual(a.violations.map((v) => v.kind));
      expect(b.stats.transitions).toBeLessThanOrEqual(a.stats.transitions);
      full += a.stats.transitions;
      slept += b.stats.transitions;
    }
    expect(slept).toBeLessThan(full); // ×0.95 on these: three bits, three threads, much in conflict
  });

  it('a footprint that omits a write: states are lost, and the debug check names the two actions', () => {
    let lost = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const honest = bfs(sharedBits(seed), [], { por: true, sleepSets: true }).stats.distinctStates;
      if (bfs(sharedBits(seed, 3, 3, 3, true), [], { por: true, sleepSets: true }).stats.distinctStates < honest) lost++;
    }
    expect(lost).toBeGreaterThan(0);
    const caught = [...Array(100).keys()].map((i) => bfs(sharedBits(i + 1, 3, 3, 3, true), [], { por: true, sleepSets: true, porCheck: true }));
    const errors = caught.filter((r) => r.status === 'model-error');
    expect(errors.length).toBeGreaterThanOrEqual(lost);
    expect(errors[0]!.status === 'model-error' && errors[0]!.message).toMatch(
      /^sleep-set check: (actions \d+ and \d+ were found to commute but reach two states|action \d+ is disabled by action \d+)/,
    );
  });

  it('are not applied under symmetry (a sleep set names threads, which the canonical form permutes): the run is the ample sets alone', () => {
    const m = { ...independentSlept(3, 2), representative: (s: readonly number[]) => [...s].sort() };
    const r = bfs(m, [], { por: true, sleepSets: true, symmetry: true });
    expect(r.stats.por!.sleptTransitions).toBeUndefined();
    expect(r.stats).toMatchObject({ distinctStates: 10, transitions: bfs(m, [], { por: true, symmetry: true }).stats.transitions });
  });

  it('do not compose with checkpoints (said, not ignored)', () => {
    const fake = { save: () => {}, maybeSave: () => {}, clear: () => {} } as unknown as NonNullable<Parameters<typeof bfs>[2]>['checkpointer'];
    expect(() => bfs(independentSlept(2, 1), [], { por: true, sleepSets: true, checkpointer: fake! })).toThrow(/sleep sets do not compose with checkpoints/);
  });
});
