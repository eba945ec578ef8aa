import { describe, expect, it } from 'vitest';
import { bfs } from '../../src/engine/bfs.js';
import { siteChecks } from '../../src/cli/siteChecks.js';
import type { Built } from '../../src/cli/ScenarioEntry.js';
import type { MmState } from '../../model/mm/MmState.js';
import { MM_STATE_PARTS } from '../../model/mm/MmState.js';
import { keyCounts, mmStateKey, noteDerived, wholeStateKey } from '../../model/mm/stateKey.js';
import { doubledSubjects } from '../util/doubledSubjects.js';

/** Explores `b` with every key checked against the state walked whole; returns how many keys were derived. */
function checkedRun(b: Pick<Built, 'model' | 'properties'>, symmetry = false, maxStates?: number): number {
  const before = keyCounts.derived;
  let wrong = 0;
  const model = {
    ...b.model,
    key(s: MmState) {
      const k = mmStateKey(s);
      const w = wholeStateKey(s);
      if (k[0] !== w[0] || k[1] !== w[1]) wrong++;
      return k;
    },
  };
  bfs(model, b.properties, { symmetry, ...(maxStates !== undefined ? { maxStates } : {}) });
  expect(wrong, b.model.name).toBe(0);
  return keyCounts.derived - before;
}

/** A state of the parts given (the rest empty): enough for the key, which reads the parts only. */
function stateOf(parts: Partial<Record<(typeof MM_STATE_PARTS)[number], unknown>>): MmState {
  const s: Record<string, unknown> = {};
  for (const p of MM_STATE_PARTS) s[p] = parts[p] ?? [];
  return s as unknown as MmState;
}

const key = (s: MmState): number[] => Array.from(mmStateKey(s));
const whole = (s: MmState): number[] => Array.from(wholeStateKey(s));

describe('the incremental state key (model/mm/stateKey.ts)', () => {
  it('derives, on every seed site scenario, the key of each successor as the state walked whole gives it', () => {
    let derived = 0;
    for (const c of siteChecks({ profile: 'seed' })) derived += checkedRun(c.build());
    expect(derived).toBeGreaterThan(100_000);
  }, 120_000);

  it('does so under --symmetry, representatives derived from the states they stand for', async () => {
    const subjects = (await doubledSubjects()).filter((_, i) => i % 25 === 0);
    expect(subjects.length).toBeGreaterThan(5);
    for (const d of subjects) expect(checkedRun(d.build(), true, 5000)).toBeGreaterThan(0);
  }, 120_000);

  it('follows records, arrays that grow and shrink, missing and undefined fields, floats, null', () => {
    const a = stateOf({ mms: [{ x: 1, y: 'a', z: [1, 2] }], frames: [{ r: 0.5, p: null }] });
    const variants: MmState[] = [
      stateOf({ ...a, mms: [{ x: 2, y: 'a', z: [1, 2] }] }),
      stateOf({ ...a, mms: [{ x: 1, y: 'a', z: [1, 2, 3] }] }),
      stateOf({ ...a, mms: [{ x: 1, y: 'a', z: [1] }] }),
      stateOf({ ...a, mms: [{ x: 1, y: 'a' }] }),
      stateOf({ ...a, mms: [{ x: 1, y: 'a', z: undefined }] }),
      stateOf({ ...a, mms: [{ x: 1, y: 'a', z: { 0: 1, 1: 2 } }] }),
      stateOf({ ...a, frames: [{ r: 0.25, p: null }] }),
      stateOf({ ...a, frames: [{ r: 0.5, p: {} }] }),
      stateOf({ ...a, frames: [] }),
    ];
    const keys = new Set([key(a).join()]);
    for (const v of variants) {
      noteDerived(a, v);
      expect(key(v)).toEqual(whole(v));
      keys.add(key(v).join());
    }
    // every variant is a different state; a record and an array of the same values differ
    expect(keys.size).toBe(variants.length + 1);
    // the order of a record's keys does not count (a place is a field's name)
    const reordered = stateOf({ ...a, mms: [{ y: 'a', z: [1, 2], x: 1 }] });
    noteDerived(a, reordered);
    expect(key(reordered)).toEqual(key(a));
    expect(whole(reordered)).toEqual(key(a));
    // and back: a state equal to `a`, derived from a variant, has a's key
    const back = stateOf({ mms: [{ x: 1, y: 'a', z: [1, 2] }], frames: [{ r: 0.5, p: null }] });
    noteDerived(variants[1]!, back);
    expect(key(back)).toEqual(key(a));
  });

  it('follows a frame whose locals come in another order than the first of its program at that depth, and a lock table', () => {
    const thread = (frames: unknown[]): unknown => ({ frames, held: [], ranges: [], gather: null, rv: null, task: {} });
    const frame = (pc: string, locals: Record<string, unknown>): unknown => ({ prog: 'p', pc, locals });
    const lock = (holder: number | null, readers: number): unknown => ({ holder, readers });
    const a = stateOf({ threads: [thread([frame('a', { x: 1, y: 'u' })])], locks: [lock(null, 0), lock(null, 0)] });
    expect(key(a)).toEqual(whole(a));
    const variants: MmState[] = [
      // the same program's locals reordered: a local's place is its name, not its position
      stateOf({ ...a, threads: [thread([frame('b', { y: 'u', x: 2 })])] }),
      // a call, then the callee's locals in another order than a frame of `p` had at that depth before
      stateOf({ ...a, threads: [thread([frame('b', { x: 1, y: 'u' }), frame('a', { x: 3, y: 'v' })])] }),
      // the same state as the one before but for its locals' order
      stateOf({ ...a, threads: [thread([frame('b', { x: 1, y: 'u' }), frame('a', { y: 'v', x: 3 })])] }),
      stateOf({ ...a, locks: [lock(0, 0), lock(null, 0)] }),
      stateOf({ ...a, locks: [lock(null, 0), lock(null, 2)] }),
      stateOf({ ...a, locks: [lock(null, 0)] }),
    ];
    const keys = new Set([key(a).join()]);
    for (const v of variants) {
      noteDerived(a, v);
      expect(key(v)).toEqual(whole(v));
      keys.add(key(v).join());
      // and from each variant to each other (a derived key's parent is any state)
      for (const w of variants) {
        if (w === v) continue;
        const c = stateOf({ threads: w.threads, locks: w.locks });
        noteDerived(v, c);
        expect(key(c)).toEqual(whole(c));
      }
    }
    expect(key(variants[2]!)).toEqual(key(variants[1]!));
    expect(keys.size).toBe(variants.length);
  });
});
