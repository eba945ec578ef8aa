/**
 * The canonical key of an MmState: a 64-bit Merkle hash of every field
 * except the constant `cfg`. Objects hash their values in key order (every
 * object of a given place has the same fields in the same order, see
 * MmState.ts), arrays their elements and length. States share unchanged
 * sub-objects, and no object changes once a step has produced it, so each
 * object is hashed once and its two 32-bit lanes are cached by identity;
 * a step's successor costs the hashing of the objects it changed.
 *
 * Two equal states give equal keys. Two different states give different
 * keys but for a 64-bit hash collision, the same risk as the engine's own
 * fingerprint of a text key (src/engine/fingerprint.ts).
 */
import { MM_STATE_PARTS, type MmState } from './MmState.js';
import { murmurFinal as fmix, murmurMix as mix } from '../../src/engine/murmur32.js';

/** A base class whose constructor returns its argument, so that a subclass's private field can be added to any object. */
class Identity {
  constructor(o: object) {
    return o;
  }
}

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

const TAG_NULL = 0x6e756c6c;
const TAG_TRUE = 0x74727565;
const TAG_FALSE = 0x66616c73;
const TAG_UNDEF = 0x756e6466;
const TAG_ARRAY = 0x61727279;
const TAG_OBJECT = 0x6f626a74;
const TAG_FLOAT = 0x666c6f74;

// The lanes of the value being combined (avoids allocating a pair per value).
let la = 0;
let lb = 0;

function stringLanes(x: string): Int32Array {
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

// The root's running lanes while mmStateKey combines its parts.
let a0 = 0;
let b0 = 0;

/**
 * The state's 64-bit key as two words (the engine fingerprints them): its
 * parts in a fixed order (MM_STATE_PARTS: every part but the constant cfg).
 * The thread list is hashed as every array is but its lanes are not kept:
 * each step copies it (runStep.ts cowStep), so no other state shares it.
 */
export function mmStateKey(s: MmState): Int32Array {
  a0 = 0x6d6d7374;
  b0 = 0x61746521;
  for (const k of MM_STATE_PARTS) {
    if (k === 'threads') arrayLanes(s.threads);
    else objectLanes(s[k]);
    a0 = mix(a0, la);
    b0 = mix(b0, lb);
  }
  return Int32Array.of(fmix(a0), fmix(b0 ^ a0));
}

/** The 64-bit hash of any part of a state (a thread, a mirror's range list), as the key hashes it: for ordering, not identity. */
export function valueLanes(x: unknown): readonly [number, number] {
  lanes(x);
  return [la, lb];
}
