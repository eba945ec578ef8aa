import type { StateKey } from './Model.js';
import { murmurFinal, murmurMix } from './murmur32.js';

/**
 * 64-bit fingerprints of canonical state keys, as two independent 32-bit
 * MurmurHash3-style lanes. Number keys must be 32-bit integers (one word
 * each); string keys hash their UTF-16 code units.
 */
const mix = murmurMix;
/** The finalizer over the lane and the key's length, unsigned. */
const fmix = (h: number, len: number): number => murmurFinal(h ^ len) >>> 0;

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
