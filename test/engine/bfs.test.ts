import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bfs } from '../../src/engine/bfs.js';
import { dfs } from '../../src/engine/dfs.js';
import { replay, NondeterminismError } from '../../src/engine/replay.js';
import { Checkpointer } from '../../src/engine/Checkpointer.js';
import { writeAtomic } from '../../src/util/writeAtomic.js';
import type { Model } from '../../src/engine/Model.js';
import { ModelError } from '../../src/engine/Model.js';
import type { Property } from '../../src/engine/Property.js';
import { bothIncrements, independent, lockOrder, lostUpdate } from './util/toyModels.js';

describe('bfs', () => {
  it('counts (K+1)^N states and N*K*(K+1)^(N-1) transitions of independent threads', () => {
    const r = bfs(independent(3, 2), []);
    expect(r.status).toBe('ok');
    expect(r.stats.distinctStates).toBe(27);
    expect(r.stats.transitions).toBe(54);
    expect(r.stats.maxDepth).toBe(6);
  });

  it('partial-order reduction explores one interleaving of local steps', () => {
    const r = bfs(independent(3, 2, true), [], { por: true });
    expect(r.stats.distinctStates).toBe(7);
  });

  it('finds the lost update at the end of a shortest run', () => {
    const r = bfs(lostUpdate(), [bothIncrements]);
    expect(r.status).toBe('violation');
    if (r.status !== 'violation') return;
    expect(r.violations[0]!.property).toBe('both-increments');
    expect(r.violations[0]!.trace.path).toHaveLength(4);
    const final = replay(lostUpdate(), r.violations[0]!.trace).final;
    expect(final[0]).toBe(1);
  });

  it('reports a deadlock with the shortest trace', () => {
    const r = bfs(lockOrder(), []);
    expect(r.status).toBe('violation');
    if (r.status !== 'violation') return;
    expect(r.violations[0]!.kind).toBe('deadlock');
    expect(r.violations[0]!.trace.path).toEqual([0, 1]);
  });

  it('a step property sees every edge, also into seen states', () => {
    const never: Property<readonly number[], number> = {
      kind: 'step',
      name: 'no-write-of-two',
      description: 'x never becomes 2',
      check: (p, _a, n) => (p[0] !== 2 && n[0] === 2 ? 'x became 2' : undefined),
    };
    const r = bfs(lostUpdate(), [never]);
    expect(r.status).toBe('violation');
  });

  it('an unmet reachability guard makes the run fail as vacuous', () => {
    const r = bfs(independent(2, 1), [{ kind: 'reachable', name: 'three', description: 'a pc of 3', check: (s) => s.includes(3) }]);
    expect(r.status).toBe('violation');
    if (r.status === 'violation') expect(r.violations[0]!.kind).toBe('unreachable');
    const ok = bfs(independent(2, 1), [{ kind: 'reachable', name: 'one', description: 'a pc of 1', check: (s) => s.includes(1) }]);
    expect(ok.status).toBe('ok');
  });

  it('budgets end the run as incomplete, not as a crash', () => {
    expect(bfs(independent(4, 3), [], { maxStates: 10 })).toMatchObject({ status: 'incomplete', reason: 'max-states' });
    expect(bfs(independent(4, 3), [], { maxDepth: 2 })).toMatchObject({ status: 'incomplete', reason: 'max-depth' });
  });

  it('all violations: the first of each property', () => {
    const r = bfs(lostUpdate(), [bothIncrements, { kind: 'invariant', name: 'small', description: 'x < 2', check: (s) => (s[0]! < 2 ? undefined : 'x = 2') }], {
      allViolations: true,
    });
    expect(r.status).toBe('violation');
    expect(r.violations.map((v) => v.property).sort()).toEqual(['both-increments', 'small']);
  });

  it('reports a model error with the trace that reached it', () => {
    const base = independent(2, 2);
    const broken: Model<readonly number[], number> = {
      ...base,
      nextState: (s, t) => {
        if (s[t] === 1) throw new ModelError('misuse');
        return base.nextState(s, t);
      },
    };
    // the trace reaches the state where it was raised, and names the action whose step raised it (bfs and dfs)
    for (const r of [bfs(broken, []), dfs(broken, [])]) {
      expect(r.status).toBe('model-error');
      if (r.status === 'model-error') {
        expect(r.trace.path).toHaveLength(1);
        expect(r.action).toBe(r.trace.path[0]);
      }
    }
  });

  it('the same run twice gives the same counts and trace', () => {
    const a = bfs(lockOrder(), []);
    const b = bfs(lockOrder(), []);
    expect({ ...a, stats: { ...a.stats, seconds: 0, statesPerSecond: 0 } }).toEqual({ ...b, stats: { ...b.stats, seconds: 0, statesPerSecond: 0 } });
  });

  it('resumes from a checkpoint to the same counts', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mnc-')), 'run.ckpt');
    const cp = new Checkpointer(file, 'independent(3,3)', writeAtomic, 0);
    const partial = bfs(independent(3, 3), [], { checkpointer: cp, maxDepth: 4 });
    expect(partial.status).toBe('incomplete');
    const snap = cp.load();
    expect(typeof snap).toBe('object');
    if (typeof snap === 'string') return;
    const resumed = bfs(independent(3, 3), [], { resume: snap });
    expect(resumed.stats.distinctStates).toBe(64);
    expect(resumed.stats.transitions).toBe(bfs(independent(3, 3), []).stats.transitions);
    expect(new Checkpointer(file, 'another run', writeAtomic).load()).toMatch(/another model/);
  });
});

describe('dfs', () => {
  it('visits the same states as bfs', () => {
    const r = dfs(independent(3, 2), []);
    expect(r.stats.distinctStates).toBe(27);
    expect(r.stats.transitions).toBe(54);
  });

  it('finds the deadlock and the lost update', () => {
    expect(dfs(lockOrder(), []).status).toBe('violation');
    const r = dfs(lostUpdate(), [bothIncrements]);
    expect(r.status).toBe('violation');
    if (r.status === 'violation') expect(replay(lostUpdate(), r.violations[0]!.trace).final[0]).toBe(1);
  });
});

describe('replay', () => {
  it('says when a model is not deterministic', () => {
    let calls = 0;
    const base = independent(2, 2);
    const flaky: Model<readonly number[], number> = {
      ...base,
      actions: (s, out) => (calls++ > 0 ? undefined : base.actions(s, out)),
    };
    expect(() => replay(flaky, { init: 0, path: [0, 0] })).toThrow(NondeterminismError);
  });
});

describe('symmetry reduction', () => {
  const sorted = (s: readonly number[]) => [...s].sort((a, b) => a - b);
  it('explores one state per orbit: multisets of 3 counters in 0..2 are C(5,2) = 10', () => {
    const m = { ...independent(3, 2), representative: sorted };
    expect(bfs(m, [], { symmetry: true }).stats.distinctStates).toBe(10);
    expect(bfs(m, []).stats.distinctStates).toBe(27);
  });

  it('reports a concrete trace that replays without the reduction and keeps thread names', () => {
    const m = { ...independent(3, 2), representative: sorted };
    const orbit: Property<readonly number[], number> = {
      kind: 'invariant',
      name: 'orbit',
      description: 'the counters are never a permutation of 0, 1, 2',
      check: (s) => (sorted(s).join() === '0,1,2' ? 'orbit' : undefined),
    };
    const r = bfs(m, [orbit], { symmetry: true });
    expect(r.status).toBe('violation');
    const final = replay(m, r.violations[0]!.trace).final;
    expect(sorted(final)).toEqual([0, 1, 2]);
    expect(r.violations[0]!.trace.path).toHaveLength(3);
  });
});

describe('checkpoints inside a level', () => {
  const full = bfs(independent(3, 3), []);
  for (const maxStates of [5, 20, 37, 63]) {
    it(`a run stopped by --max-states ${maxStates} resumes to the same states and transitions`, () => {
      const file = join(mkdtempSync(join(tmpdir(), 'mnc-')), 'run.ckpt');
      const cp = new Checkpointer(file, 'independent(3,3)', writeAtomic, 1e9);
      expect(bfs(independent(3, 3), [], { checkpointer: cp, maxStates })).toMatchObject({ status: 'incomplete', reason: 'max-states' });
      const snap = cp.load();
      if (typeof snap === 'string') throw new Error(snap);
      const resumed = bfs(independent(3, 3), [], { resume: snap });
      expect(resumed.status).toBe('ok');
      expect(resumed.stats.distinctStates).toBe(full.stats.distinctStates);
      expect(resumed.stats.transitions).toBe(full.stats.transitions);
      expect(resumed.stats.maxDepth).toBe(full.stats.maxDepth);
    });
  }

  it('a run cut by --max-seconds (looked at every 1024 states) leaves a checkpoint that resumes to the same counts', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mnc-')), 'run.ckpt');
    const cp = new Checkpointer(file, 'independent(4,5)', writeAtomic, 1e9);
    const r = bfs(independent(4, 5), [], { checkpointer: cp, maxSeconds: 0 });
    expect(r).toMatchObject({ status: 'incomplete', reason: 'max-seconds' });
    expect(r.stats.distinctStates).toBeLessThan(6 ** 4);
    const snap = cp.load();
    if (typeof snap === 'string') throw new Error(snap);
    const resumed = bfs(independent(4, 5), [], { resume: snap });
    expect(resumed.stats.distinctStates).toBe(6 ** 4);
    expect(resumed.stats.transitions).toBe(bfs(independent(4, 5), []).stats.transitions);
  });

  it('a run stopped inside a level resumes to the same shortest counterexample', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mnc-')), 'run.ckpt');
    const cp = new Checkpointer(file, 'lost-update', writeAtomic, 1e9);
    expect(bfs(lostUpdate(), [bothIncrements], { checkpointer: cp, maxStates: 6 }).status).toBe('incomplete');
    const snap = cp.load();
    if (typeof snap === 'string') throw new Error(snap);
    const resumed = bfs(lostUpdate(), [bothIncrements], { resume: snap });
    const straight = bfs(lostUpdate(), [bothIncrements]);
    expect(resumed.status).toBe('violation');
    expect(resumed.violations[0]!.trace).toEqual(straight.violations[0]!.trace);
  });
});

describe('checkpoints under symmetry reduction', () => {
  it('a resumed reduced run rebuilds its frontier from canonical states and ends with the counts of a straight one', () => {
    const m = { ...independent(3, 5), representative: (s: readonly number[]) => [...s].sort((a, b) => a - b) };
    const straight = bfs(m, [], { symmetry: true });
    expect(straight.stats.distinctStates).toBe(56); // multisets of 3 counters in 0..5: C(8,3)
    for (const maxStates of [7, 23, 41]) {
      const file = join(mkdtempSync(join(tmpdir(), 'mnc-')), 'run.ckpt');
      const cp = new Checkpointer(file, 'sym', writeAtomic, 1e9);
      expect(bfs(m, [], { symmetry: true, checkpointer: cp, maxStates }).status).toBe('incomplete');
      const snap = cp.load();
      if (typeof snap === 'string') throw new Error(snap);
      const resumed = bfs(m, [], { symmetry: true, resume: snap });
      expect([resumed.stats.distinctStates, resumed.stats.transitions]).toEqual([straight.stats.distinctStates, straight.stats.transitions]);
    }
  });
});
