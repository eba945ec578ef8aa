import { describe, expect, it } from 'vitest';
import { randomCheck } from '../../src/random/randomCheck.js';
import { STRATEGIES } from '../../src/random/Schedule.js';
import { minimiseTrace, minimiseViolation } from '../../src/shrink/minimiseTrace.js';
import { replaySteps } from '../../src/replay/replaySteps.js';
import { toNamedSteps, type NamedStep } from '../../src/replay/NamedStep.js';
import { TOY_BUGS, flagRace, lockOrder, racyCounter, NOISE_NEVER_ENDS } from '../../model/toy/toyBugs.js';
import { kvmRaceModel } from '../../model/kvm-race/kvmRaceModel.js';
import { kvmRaceProperties } from '../../properties/kvmRace.js';

describe('random failures shrink and still fail', () => {
  for (const strategy of STRATEGIES) {
    for (const [name, make] of Object.entries(TOY_BUGS)) {
      it(`${strategy} on ${name}: found >= shrunk >= minimised, and the minimised trace replays`, () => {
        const bug = make();
        const r = randomCheck(bug, { strategy, seed: 7, runs: 2000, depth: 60 });
        if (r.status !== 'violation') throw new Error(`no violation: ${r.status}`);
        expect(r.lengths.shrunk).toBeLessThanOrEqual(r.lengths.found);
        expect(r.lengths.minimised).toBeLessThanOrEqual(r.lengths.shrunk);
        expect(r.violation.trace.path.length).toBe(r.lengths.minimised);
        const replay = replaySteps({ ...bug, property: r.violation.property, init: r.violation.trace.init }, r.steps, 'strict');
        expect(replay.status).toBe('violated');
        if (replay.status === 'violated') expect(replay.failure.property).toBe(bug.violates);
      });
    }
  }

  it('the shrunk property is the one first found, even when another is easier', () => {
    const bug = racyCounter(2, 2);
    const easy = NOISE_NEVER_ENDS;
    const properties = [...bug.properties, easy];
    for (let seed = 0; seed < 6; seed++) {
      const unshrunk = randomCheck({ model: bug.model, properties }, { strategy: 'uniform', seed, runs: 500, depth: 40, shrink: false, minimise: false });
      const shrunk = randomCheck({ model: bug.model, properties }, { strategy: 'uniform', seed, runs: 500, depth: 40 });
      if (unshrunk.status !== 'violation' || shrunk.status !== 'violation') throw new Error('no violation');
      expect(shrunk.violation.property).toBe(unshrunk.violation.property);
      expect(shrunk.lengths.found).toBe(unshrunk.lengths.found);
    }
  });
});

describe('the trace minimiser', () => {
  /** Every noise step first, then the bug: a long trace such as a depth-first search might return. */
  function noiseFirst(core: NamedStep[], noise: number): NamedStep[] {
    const steps: NamedStep[] = [];
    for (let t = 0; t < noise; t++) for (let s = 0; s < 3; s++) steps.push({ thread: `noise#${t}`, label: `noise:step${s}` });
    return [...steps, ...core];
  }

  it('removes whole threads and steps down to the known minimum (lost update: 4 steps, 2 threads)', () => {
    const bug = racyCounter(3, 3);
    const core = [0, 1, 2].flatMap((t) => [{ thread: `inc#${t}`, label: 'counter:read' }]);
    const writes = [0, 1, 2].map((t) => ({ thread: `inc#${t}`, label: 'counter:write' }));
    const long = noiseFirst([...core, ...writes], 3);
    const m = minimiseTrace({ ...bug, property: 'no-lost-update', init: 0 }, long);
    expect(m).toBeDefined();
    expect(m!.originalLength).toBe(long.length);
    expect(m!.steps.length).toBe(4);
    expect(new Set(m!.steps.map((s) => s.thread)).size).toBe(2);
    expect(m!.failure.property).toBe('no-lost-update');
  });

  it('keeps the steps a deadlock needs (every other thread must have ended)', () => {
    const bug = lockOrder(2);
    const long: NamedStep[] = [{ thread: 'ab', label: 'lock:a' }, ...noiseFirst([], 2), { thread: 'ba', label: 'lock:b' }];
    const m = minimiseTrace({ ...bug, property: 'deadlock', init: 0 }, long);
    expect(m?.steps.length).toBe(8);
    expect(m?.failure.kind).toBe('deadlock');
  });

  it('finds mutual exclusion broken in 6 steps and is 1-minimal', () => {
    const bug = flagRace(1);
    const steps: NamedStep[] = [
      { thread: 'noise#0', label: 'noise:step0' },
      { thread: 'p', label: 'flag:test' },
      { thread: 'noise#0', label: 'noise:step1' },
      { thread: 'q', label: 'flag:test' },
      { thread: 'p', label: 'flag:set' },
      { thread: 'q', label: 'flag:set' },
      { thread: 'p', label: 'cs:enter' },
      { thread: 'noise#0', label: 'noise:step2' },
      { thread: 'q', label: 'cs:enter' },
    ];
    const m = minimiseTrace({ ...bug, property: 'mutual-exclusion', init: 0 }, steps)!;
    expect(m.steps.length).toBe(6);
    for (let i = 0; i < m.steps.length; i++) {
      const fewer = [...m.steps.slice(0, i), ...m.steps.slice(i + 1)];
      expect(replaySteps({ ...bug, property: 'mutual-exclusion', init: 0 }, fewer, 'lenient').status).toBe('holds');
    }
  });

  it('tries a thread under another name: a fault on page 0 needs one zap step fewer (kvm-race, 11 -> 10 = BFS)', () => {
    const model = kvmRaceModel({ P: 3, F: 3, Z: 2, M: 1, variant: 'nocount' });
    const properties = kvmRaceProperties(3);
    // A 1-minimal trace by removal alone: fault#1 on page 1, so the zap must clear pte[0] first.
    const steps: NamedStep[] = [
      { thread: 'fault#1', label: '1 s := seq' },
      { thread: 'fault#1', label: '2 lock ptl' },
      { thread: 'zap#0', label: '1 invalidate_range_start: lock mmu_lock, count += 1, clear every spte' },
      { thread: 'zap#0', label: '2 invalidate_range_start: unlock mmu_lock' },
      { thread: 'fault#1', label: '3 pte[1] writable: f := pte[1].pfn' },
      { thread: 'fault#1', label: '4 unlock ptl' },
      { thread: 'zap#0', label: '3 lock ptl' },
      { thread: 'fault#1', label: '5 lock mmu_lock' },
      { thread: 'fault#1', label: '6 set spte[1] := pfn f, writable' },
      { thread: 'zap#0', label: '4 zap pte[0]' },
      { thread: 'zap#0', label: '4 zap pte[1]' },
    ];
    const m = minimiseTrace({ model, properties, property: 'spte-coherence', init: 0 }, steps)!;
    expect(m.steps.length).toBe(10);
    expect(m.steps.some((s) => s.thread === 'fault#0')).toBe(true);
    expect(replaySteps({ model, properties, property: 'spte-coherence', init: 0 }, m.steps, 'strict').status).toBe('violated');
  });

  it('returns undefined when the trace does not violate the property', () => {
    const bug = flagRace(0);
    expect(minimiseTrace({ ...bug, property: 'mutual-exclusion', init: 0 }, [{ thread: 'p', label: 'flag:test' }])).toBeUndefined();
  });

  it('minimises an index trace (as BFS/DFS report it) into one that still violates', () => {
    const bug = racyCounter(2, 2);
    const long = noiseFirst(
      ['inc#0:counter:read', 'inc#1:counter:read', 'inc#0:counter:write', 'inc#1:counter:write'].map((s) => {
        const [thread, ...label] = s.split(':');
        return { thread: thread!, label: label.join(':') };
      }),
      2,
    );
    const r = replaySteps({ ...bug, property: 'no-lost-update', init: 0 }, long, 'strict');
    if (r.status !== 'violated') throw new Error(r.status);
    const v = minimiseViolation(bug.model, bug.properties, { ...r.failure, trace: r.trace });
    expect(v.trace.path.length).toBe(4);
    const again = replaySteps({ ...bug, property: v.property, init: v.trace.init }, toNamedSteps(bug.model, v.trace), 'strict');
    expect(again.status).toBe('violated');
  });
});
