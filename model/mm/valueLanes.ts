/**
 * A 64-bit Merkle hash of a part of a state (a thread, a mirror's range
 * list), for ordering: `--symmetry` sorts interchangeable threads by it
 * (model/mm/canonicalState.ts). Objects hash their values in key order
 * (every object of a given place has the same fields in the same order, see
 * MmState.ts), arrays their elements and length. No object changes once a
 * step has produced it, so each object is hashed once and its two 32-bit
 * lanes are cached by identity. (The state's own key is model/mm/stateKey.ts.)
 */
import { murmurFinal as fmix, murmurMix as mix } from '../../src/engine/murmur32.js';
import { Identity } from './Identity.js';

/**
 * Hash lanes of an object, by identity (objects never change once hashed),
 * kept on the object itself in a private field: spread, for-in, keys and
 * JSON do not see it (a copy of an object does not inherit its lanes), it
 * can be added to a frozen object (the immer backend, the checked cow
 * mode), and adding it is a plain store, where defining a non-enumerable
 * symbol property was a runtime call costing ~10 % of a run.
 */
class Lanes extends Identity {
  #a: number;
  #b: number;
  private constructor(o: object, a: number, b: number) {
    super(o);
    this.#a = a;
    this.#b = b;
  }
  /** Sets (la, lb) to the lanes kept on `o`; false when it has none yet. */
  static load(o: object): boolean {
    if (!(#a in o)) return false;
    la = o.#a;
    lb = o.#b;
    return true;
  }
  /** Keeps (a, b) on `o` (two numbers: no typed array per hashed object). */
  static keep(o: object, a: number, b: number): void {
    new Lanes(o, a, b);
  }
}
/** Hash lanes of strings (names, labels, phases repeat across states). */
const strings = new Map<string, Int32Array>();

/** Tags of the kinds of value (both hashes: this one and model/mm/stateKey.ts). */
export const TAG_NULL = 0x6e756c6c;
export const TAG_TRUE = 0x74727565;
export const TAG_FALSE = 0x66616c73;
export const TAG_UNDEF = 0x756e6466;
export const TAG_ARRAY = 0x61727279;
export const TAG_OBJECT = 0x6f626a74;
export const TAG_FLOAT = 0x666c6f74;

// The lanes of the value being combined (avoids allocating a pair per value).
let la = 0;
let lb = 0;

/** The lanes of string `x` (interned: names, labels and phases repeat across states). */
export function stringLanes(x: string): Int32Array {
  let h = strings.get(x);
  if (h === undefined) {
    let a = 0x73747269;
    let b = 0x6e677321;
    for (let i = 0; i < x.length; i++) {
      const w = x.charCodeAt(i);
      a = mix(a, w);
      b = mix(b, w ^ 0x5bd1e995);
    }
    h = Int32Array.of(fmix(a ^ x.length), fmix(b ^ a));
    if (strings.size < 1 << 16) strings.set(x, h);
  }
  return h;
}

/** Sets (la, lb) to the lanes of array `x`, without keeping them on it (objectLanes keeps them). */
function arrayLanes(x: readonly unknown[]): void {
  let a = TAG_ARRAY;
  let b = TAG_ARRAY ^ 0x5bd1e995;
  for (let i = 0; i < x.length; i++) {
    lanes(x[i]);
    a = mix(a, la);
    b = mix(b, lb);
  }
  a = mix(a, x.length);
  la = fmix(a);
  lb = fmix(b ^ a);
}

/** Sets (la, lb) to the lanes of object `x`, hashing it (and keeping them on it) the first time. */
function objectLanes(x: object): void {
  if (Lanes.load(x)) return;
  if (Array.isArray(x)) {
    arrayLanes(x);
    Lanes.keep(x, la, lb);
    return;
  }
  let a = TAG_OBJECT;
  let b = TAG_OBJECT ^ 0x5bd1e995;
  for (const k in x) {
    lanes((x as Record<string, unknown>)[k]);
    a = mix(a, la);
    b = mix(b, lb);
  }
  la = fmix(a);
  lb = fmix(b ^ a);
  Lanes.keep(x, la, lb);
}

/** Sets (la, lb) to the lanes of `x`. */
function lanes(x: unknown): void {
  switch (typeof x) {
    case 'number':
      if ((x | 0) === x) {
        la = fmix(x ^ 0x2545f491);
        lb = fmix(Math.imul(x, 0x9e3779b1) ^ 0x68e31da4);
      } else {
        const s = stringLanes(String(x));
        la = s[0]! ^ TAG_FLOAT;
        lb = s[1]!;
      }
      return;
    case 'boolean':
      la = x ? TAG_TRUE : TAG_FALSE;
      lb = ~la;
      return;
    case 'string': {
      const s = stringLanes(x);
      la = s[0]!;
      lb = s[1]!;
      return;
    }
    case 'object': {
      if (x === null) {
        la = TAG_NULL;
        lb = ~TAG_NULL;
        return;
      }
      objectLanes(x);
      return;
    }
    default:
      la = TAG_UNDEF;
      lb = ~TAG_UNDEF;
  }
}

/** The 64-bit hash of any part of a state (a thread, a mirror's range list): for ordering, not identity. */
export function valueLanes(x: unknown): readonly [number, number] {
  lanes(x);
  return [la, lb];
}
