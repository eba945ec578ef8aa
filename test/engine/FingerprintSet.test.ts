import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FingerprintSet } from '../../src/engine/FingerprintSet.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });

describe('FingerprintSet', () => {
  it('behaves as a set of (hi, lo) pairs through growth (against a JS Set)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(u32, u32), { maxLength: 3000 }), (pairs) => {
        const set = new FingerprintSet(1); // 1024 slots: forces growth past 819 members
        const ref = new Set<string>();
        for (const [hi, lo] of pairs) {
          const key = `${hi}:${lo === 0 && hi === 0 ? 1 : lo}`;
          expect(set.add(hi, lo)).toBe(!ref.has(key));
          ref.add(key);
        }
        expect(set.size).toBe(ref.size);
        for (const [hi, lo] of pairs) expect(set.has(hi, lo)).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('answers no for absent fingerprints, also for ones that probe past occupied slots', () => {
    const set = new FingerprintSet(1);
    for (let i = 1; i <= 800; i++) set.add(i, i * 7);
    for (let i = 1; i <= 800; i++) expect(set.has(i, i * 7 + 1)).toBe(false);
    expect(set.size).toBe(800);
  });

  it('stores the all-zero fingerprint as (0, 1): the two are one member (documented collision)', () => {
    const set = new FingerprintSet();
    expect(set.add(0, 0)).toBe(true);
    expect(set.add(0, 1)).toBe(false);
    expect(set.has(0, 0)).toBe(true);
    expect(set.size).toBe(1);
  });

  it('grows by doubling and keeps the load at most maxLoad', () => {
    const set = new FingerprintSet(1, 0.5);
    const start = set.bytes;
    for (let i = 1; i <= 513; i++) set.add(i, 0xdeadbeef);
    expect(set.bytes).toBe(start * 2);
    expect(set.size / (set.bytes / 8)).toBeLessThanOrEqual(0.5);
  });

  it('restores from a snapshot with the same members', () => {
    const set = new FingerprintSet(1);
    for (let i = 0; i < 2000; i++) set.add((i * 2654435761) >>> 0, i);
    const snap = set.snapshot();
    const back = FingerprintSet.restore(snap.table.slice(), snap.count);
    expect(back.size).toBe(2000);
    for (let i = 0; i < 2000; i++) expect(back.has((i * 2654435761) >>> 0, i)).toBe(true);
    expect(back.add(12345, 67890)).toBe(true);
  });

  it('collisionOdds is the birthday bound n^2 / 2^65', () => {
    const set = new FingerprintSet();
    for (let i = 0; i < 1000; i++) set.add(i, 1);
    expect(set.collisionOdds()).toBeCloseTo((1000 * 1000) / 2 / 2 ** 64, 30);
  });
});
