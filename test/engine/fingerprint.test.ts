import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintHex, fingerprintInto } from '../../src/engine/fingerprint.js';

/**
 * Reference MurmurHash3_x86_32 over little-endian 32-bit words, written from
 * the algorithm's description (not from src/engine), with the length term of
 * the finaliser as a parameter: the standard hash mixes in the length in
 * bytes, the engine's lanes the length in words.
 */
function murmur3Words(words: readonly number[], seed: number, lenTerm: number, tweak = 0): number {
  let h = seed >>> 0;
  for (const w of words) {
    let k = Math.imul((w ^ tweak) | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return finalise(h, lenTerm);
}

function finalise(h: number, lenTerm: number): number {
  h ^= lenTerm;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const le = (b: readonly number[]): number => (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;

describe('fingerprint', () => {
  it('the reference is MurmurHash3_x86_32 (published test vectors, whole-word keys)', () => {
    expect(murmur3Words([], 0, 0)).toBe(0);
    expect(murmur3Words([], 1, 0)).toBe(0x514e28b7);
    expect(murmur3Words([], 0xffffffff, 0)).toBe(0x81f16f39);
    expect(murmur3Words([le([0xff, 0xff, 0xff, 0xff])], 0, 4)).toBe(0x76293b50);
    expect(murmur3Words([le([0x21, 0x43, 0x65, 0x87])], 0, 4)).toBe(0xf55b516b);
    expect(murmur3Words([le([0x21, 0x43, 0x65, 0x87])], 0x5082edee, 4)).toBe(0x2362f9de);
    expect(murmur3Words([le([0, 0, 0, 0])], 0, 4)).toBe(0x2362f9de);
  });

  it('the high lane is MurmurHash3 of the words (seed 0x9747b28c, length in words); the low lane a second seed and tweak, folded with the first', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 40 }), (words) => {
        const out = new Uint32Array(2);
        fingerprintInto(Int32Array.from(words), out);
        expect(out[0]).toBe(murmur3Words(words, 0x9747b28c, words.length));
        // the low lane: the second chain, xor the first chain before finalising
        let a = 0x9747b28c;
        let b = 0x3c6ef372;
        for (const w of words) {
          a = step(a, w);
          b = step(b, w ^ 0x5bd1e995);
        }
        expect(out[1]).toBe(finalise(b ^ a, words.length));
      }),
    );
  });

  it('a string key hashes its UTF-16 code units, as the number key of the same units', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        const units = Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
        expect(fingerprintHex(s)).toBe(fingerprintHex(Int32Array.from(units)));
      }),
      { numRuns: 200 },
    );
  });

  it('pinned values (a change to the hash changes checkpoints and reports: bump their format)', () => {
    expect(fingerprintHex('')).toBe(fingerprintHex(new Int32Array(0)));
    expect(fingerprintHex('')).toBe(hex(murmur3Words([], 0x9747b28c, 0), finalise(murmur3Chain([], 0x3c6ef372) ^ 0x9747b28c, 0)));
    expect(fingerprintHex('mm0.mmap_sem')).toBe('14b0e20d5a20d692');
    expect(fingerprintHex(Int32Array.from([1, 2, 3]))).toBe('11306c2b537d4d8d');
  });

  it('no two of 20,000 distinct short keys share a fingerprint', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(fingerprintHex(Int32Array.from([i, i >> 3, 7])));
    expect(seen.size).toBe(20_000);
  });
});

function step(h: number, w: number): number {
  let k = Math.imul(w, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function murmur3Chain(words: readonly number[], seed: number): number {
  let h = seed;
  for (const w of words) h = step(h, w ^ 0x5bd1e995);
  return h;
}

const hex = (hi: number, lo: number): string => hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
