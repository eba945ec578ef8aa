import { describe, expect, it } from 'vitest';
import { bfs } from '../../src/engine/bfs.js';
import { dfs } from '../../src/engine/dfs.js';
import { replay } from '../../src/engine/replay.js';
import { kvmRaceModel } from '../../model/kvm-race/kvmRaceModel.js';
import { KVM_RACE_DEFAULTS, KVM_RACE_PARAMS, kvmRaceOptionsError, type KvmRaceOptions } from '../../model/kvm-race/KvmRaceOptions.js';
import { kvmRaceProperties, spteCoherence } from '../../properties/kvmRace.js';

const size = (P: number, F: number, Z: number, M: number, variant: KvmRaceOptions['variant'] = 'count'): KvmRaceOptions => ({ P, F, Z, M, variant });

function check(o: KvmRaceOptions, withProperties = true) {
  return bfs(kvmRaceModel(o), withProperties ? kvmRaceProperties(o.P) : []);
}

/**
 * Pinned numbers come from SPIN 6.5.2 on the Promela twin (bench/spin/gen.sh,
 * pan -DNOREDUCE), not from mnc: SPIN's "states, stored" equal mnc's distinct
 * states; SPIN's "transitions" are one more than mnc's (SPIN counts the
 * initial state as stored + 0 matched, i.e. it adds one to stored + matched).
 * nocount full spaces: SPIN with -c0 (go on past assertion failures) against
 * mnc without properties. Shortest trace: SPIN -DBFS trail (10 steps).
 */
describe('kvm-race state counts agree with SPIN', () => {
  it.each([
    [size(2, 2, 1, 0), 1427, 2810],
    [size(2, 2, 1, 1), 17492, 38529],
    [size(2, 2, 1, 0, 'nocount'), 1183, 2020],
    [size(2, 2, 1, 1, 'nocount'), 16003, 31094],
  ])('%o', (o, spinStored, spinTransitions) => {
    const r = check(o, o.variant === 'count');
    expect(r.status).toBe('ok');
    expect(r.stats.distinctStates).toBe(spinStored);
    expect(r.stats.transitions).toBe(spinTransitions - 1);
  });

  it('depth-first sees the same space', () => {
    const o = size(2, 2, 1, 1);
    const r = dfs(kvmRaceModel(o), kvmRaceProperties(o.P));
    expect([r.status, r.stats.distinctStates, r.stats.transitions]).toEqual(['ok', 17492, 38528]);
  });
});

describe('kvm-race-nocount', () => {
  it.each([[size(2, 2, 1, 0, 'nocount')], [size(2, 2, 1, 1, 'nocount')]])('violates spte-coherence with the shortest trace (%o)', (o) => {
    const r = check(o);
    expect(r.status).toBe('violation');
    const v = r.violations[0]!;
    expect(v.property).toBe('spte-coherence');
    expect(v.kind).toBe('invariant');
    expect(v.trace.path).toHaveLength(10);
    const model = kvmRaceModel(o);
    const { states, actions } = replay(model, v.trace);
    const inv = spteCoherence(o.P);
    expect(inv.check(states.at(-1)!)).toBe(v.message);
    states.slice(0, -1).forEach((s) => expect(inv.check(s)).toBeUndefined());
    // The race: the zap ran its invalidate_range_start while the fault sampled seq, then the
    // fault installed the spte with count != 0 (only seq was re-checked).
    const steps = actions.map((a, i) => `${model.describeAction(states[i]!, a).thread} ${model.describeAction(states[i]!, a).label}`);
    expect(steps.at(-1)).toMatch(/^fault#\d 6 set spte\[\d\]/);
    expect(steps.some((s) => /^zap#0 4 zap pte/.test(s))).toBe(true);
    expect(v.message).toMatch(/^page \d: spte\[\d\] is pfn \d rw but pte\[\d\] is none/);
  });

  it('the correct variant holds on the same size (the count re-check is what matters)', () => {
    expect(check(size(2, 2, 1, 1)).status).toBe('ok');
  });
});

describe('kvm-race packed fast path', () => {
  it('nextInto writes what nextState returns, on every reachable transition', () => {
    const m = kvmRaceModel(size(2, 2, 1, 1, 'nocount'));
    const out = new Int32Array(m.packed!.width);
    const seen = new Set<string>();
    const queue = [...m.initialStates()];
    const acts: number[] = [];
    let transitions = 0;
    let mismatches = 0;
    while (queue.length > 0) {
      const s = queue.pop()!;
      if (seen.has(s.join())) continue;
      seen.add(s.join());
      acts.length = 0;
      m.actions(s, acts);
      for (const a of acts) {
        const n = m.nextState(s, a);
        m.packed!.nextInto(s, a, out);
        if (out.some((w, i) => w !== n[i])) mismatches++;
        transitions++;
        queue.push(n);
      }
    }
    // Independent of the engine's store: the same count as SPIN's -c0 run.
    expect([seen.size, transitions, mismatches]).toEqual([16003, 31093, 0]);
  });
});

describe('kvm-race determinism', () => {
  it('the same run twice gives the same counts and trace', () => {
    const o = size(2, 2, 1, 1, 'nocount');
    const a = check(o);
    const b = check(o);
    expect(b.stats.distinctStates).toBe(a.stats.distinctStates);
    expect(b.stats.transitions).toBe(a.stats.transitions);
    expect(b.violations).toEqual(a.violations);
  });
});

describe('spte-coherence', () => {
  const m = kvmRaceModel(size(2, 1, 0, 0));
  const init = m.initialStates()[0]!;
  const inv = spteCoherence(2);
  // page word: pte | spte << 8, entry = present | writable << 1 | pfn << 2
  const withPage0 = (word: number) => Int32Array.from(init, (w, i) => (i === 0 ? word : w));
  it('holds for no spte and for an spte equal to its pte', () => {
    expect(inv.check(init)).toBeUndefined();
    expect(inv.check(withPage0(0b0111 | (0b0111 << 8)))).toBeUndefined();
    expect(inv.check(withPage0(0b0111 | (0b0101 << 8)))).toBeUndefined(); // read-only spte of a writable pte
  });
  it.each([
    ['absent pte', 0 | (0b0111 << 8)],
    ['other frame', 0b0111 | (0b1011 << 8)],
    ['writable spte of a read-only pte', 0b0101 | (0b0111 << 8)],
  ])('fails on %s', (_what, word) => {
    expect(inv.check(withPage0(word))).toMatch(/^page 0: spte\[0\]/);
  });
});

describe('kvm-race model surface', () => {
  it('names threads per kind and describes the state flat', () => {
    const m = kvmRaceModel(size(2, 2, 1, 1));
    const s = m.initialStates()[0]!;
    const acts: number[] = [];
    m.actions(s, acts);
    expect(acts.map((a) => m.describeAction(s, a).thread)).toEqual(['zap#0', 'mprotect#0', 'fault#0', 'fault#1']);
    expect(m.describeState(s)).toEqual({
      'pte[0]': 'pfn 0 rw',
      'pte[1]': 'pfn 1 rw',
      'spte[0]': 'none',
      'spte[1]': 'none',
      free: '{2,3}',
      count: 0,
      seq: 0,
      mmu_lock: false,
      ptl: false,
      'zap#0.pc': 1,
      'mprotect#0.pc': 1,
      'fault#0.pc': 1,
      'fault#0.s': 0,
      'fault#0.f': 0,
      'fault#1.pc': 1,
      'fault#1.s': 0,
      'fault#1.f': 0,
    });
    expect(m.isDone(s)).toBe(false);
  });

  it('rejects out-of-range options with one line naming the value', () => {
    for (const p of KVM_RACE_PARAMS) expect(KVM_RACE_DEFAULTS[p.name]).toBe(p.default);
    expect(kvmRaceOptionsError(KVM_RACE_DEFAULTS)).toBeUndefined();
    expect(kvmRaceOptionsError(size(0, 1, 1, 1))).toBe('kvm-race: P=0 is not an integer in 1..16 (pages)');
    expect(kvmRaceOptionsError(size(2, 1.5, 1, 1))).toBe('kvm-race: F=1.5 is not an integer in 0..16 (fault threads (thread k faults page k mod P))');
    expect(kvmRaceOptionsError({ ...KVM_RACE_DEFAULTS, variant: 'fast' as 'count' })).toBe("kvm-race: unknown variant 'fast' (known: count, nocount)");
    expect(() => kvmRaceModel(size(1, 99, 0, 0))).toThrow(/F=99/);
  });
});

describe('kvm-race symmetry (--symmetry)', () => {
  const opts = (o: Partial<KvmRaceOptions>): KvmRaceOptions => ({ ...KVM_RACE_DEFAULTS, ...o });
  it('interchangeable threads shrink the space, and the verdict stays', () => {
    const o = opts({ P: 2, F: 2, Z: 2, M: 1 });
    const full = bfs(kvmRaceModel(o), kvmRaceProperties(o.P));
    const sym = bfs(kvmRaceModel(o), kvmRaceProperties(o.P), { symmetry: true });
    expect(full.status).toBe('ok');
    expect(sym.status).toBe('ok');
    expect(sym.stats.distinctStates).toBeLessThan(full.stats.distinctStates);
    expect(sym.stats.distinctStates).toBeGreaterThan(full.stats.distinctStates / 2 - 1);
  });

  it('nocount: the reduced search still finds the 10-step counterexample, as a concrete trace that violates on replay', () => {
    const o = opts({ P: 2, F: 4, Z: 2, M: 1, variant: 'nocount' });
    const m = kvmRaceModel(o);
    const r = bfs(m, kvmRaceProperties(o.P), { symmetry: true });
    expect(r.status).toBe('violation');
    const v = r.violations[0]!;
    expect(v.property).toBe('spte-coherence');
    expect(v.trace.path).toHaveLength(10);
    // Replayed on the full model, the concrete trace ends in the state the reduced search reported.
    expect(v.message).toBe('page 0: spte[0] is pfn 0 rw but pte[0] is none (KVM mirror, secondary MMU)');
    expect(spteCoherence(o.P).check(replay(m, v.trace).final)).toBe(v.message);
  });
});
