import type { StateKey } from './Model.js';

/**
 * 64-bit fingerprints of canonical state keys, as two independent 32-bit
 * MurmurHash3-style lanes. Number keys must be 32-bit integers (one word
 * each); string keys hash their UTF-16 code units.
 */
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mix(h: number, w: number): number {
  let k = Math.imul(w, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number, len: number): number {
  h ^= len;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Writes the fingerprint of `key` into `out[0]` (high lane) and `out[1]` (low lane). */
export function fingerprintInto(key: StateKey, out: Uint32Array): void {
  let a = 0x9747b28c;
  let b = 0x3c6ef372;
  const n = key.length;
  if (typeof key === 'string') {
    for (let i = 0; i < n; i++) {
      const w = key.charCodeAt(i);
      a = mix(a, w);
      b = mix(b, w ^ 0x5bd1e995);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const w = key[i]! | 0;
      a = mix(a, w);
      b = mix(b, w ^ 0x5bd1e995);
    }
  }
  out[0] = fmix(a, n);
  out[1] = fmix(b ^ a, n);
}

/** The fingerprint as a 16-digit hex string (for checkpoints and reports). */
export function fingerprintHex(key: StateKey): string {
  const out = new Uint32Array(2);
  fingerprintInto(key, out);
  return out[0]!.toString(16).padStart(8, '0') + out[1]!.toString(16).padStart(8, '0');
}
