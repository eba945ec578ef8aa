/**
 * MurmurHash3's 32-bit block mix and finalizer: the engine's fingerprints of
 * state keys (fingerprint.ts) and a model's own structural keys (the mm
 * model's state key, model/mm/stateKey.ts, and its thread-order hash,
 * model/mm/valueLanes.ts) hash with these. Arithmetic
 * only, a leaf of the engine's contract with models.
 */
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** Mixes the 32-bit word `w` into the running hash `h`. */
export function murmurMix(h: number, w: number): number {
  let k = Math.imul(w, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** The finalizer (fmix32): avalanches `h`, as a signed 32-bit integer. */
export function murmurFinal(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
