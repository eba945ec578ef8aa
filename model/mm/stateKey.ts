/**
 * The canonical key of an MmState: a 64-bit sum, over every leaf of the
 * state tree but the constant `cfg`, of a hash of the leaf's place and value
 * (Zobrist hashing). A place is the path of positions from the root: a
 * record's values count in key order (every object of a given place has the
 * same fields in the same order, see MmState.ts), an array's by index; every
 * record and array is a leaf too (its kind, an array's length), so the set
 * of (place, value) pairs gives the tree back.
 *
 * A sum changes by what changed: a successor's key is its parent's key less
 * the leaves the step removed plus those it added, found by walking both
 * states together down to where they differ (a successor shares every object
 * the step did not write, so the walk is short). The key of every state is
 * kept on it (a private field of the root); `noteDerived` (MmModel.ts: a
 * successor, a symmetry representative) says which state the next key
 * should start from. Any other state is walked whole.
 *
 * Two equal states give equal keys. Two different states give different
 * keys but for a 64-bit hash collision, the same risk as the engine's own
 * fingerprint of a text key (src/engine/fingerprint.ts).
 */
import { MM_STATE_PARTS, type MmState } from './MmState.js';
import { murmurFinal as fmix, murmurMix as mix } from '../../src/engine/murmur32.js';
import { Identity } from './Identity.js';
import { stringLanes, TAG_ARRAY, TAG_FALSE, TAG_FLOAT, TAG_NULL, TAG_OBJECT, TAG_TRUE, TAG_UNDEF } from './valueLanes.js';

/** A state's key, kept on its root (roots share one shape: the brand check stays monomorphic). */
class KeptKey extends Identity {
  #key: readonly number[];
  private constructor(s: object, key: readonly number[]) {
    super(s);
    this.#key = key;
  }
  static get(s: object): readonly number[] | undefined {
    return #key in s ? s.#key : undefined;
  }
  static keep(s: object, key: readonly number[]): void {
    new KeptKey(s, key);
  }
}

const B_SALT = 0x5bd1e995;

// The key's running sums (lane a, lane b).
let ka = 0;
let kb = 0;

/** Adds (sign 1) or takes away (sign -1) the leaf at place (pa, pb) with value lanes (va, vb). */
function leaf(pa: number, pb: number, va: number, vb: number, sign: number): void {
  ka = (ka + sign * fmix(mix(pa, va))) | 0;
  kb = (kb + sign * fmix(mix(pb, vb))) | 0;
}

/** Lane a of the place of child `i` of place lane a `pa` (lane b: placeB). */
const placeA = (pa: number, i: number): number => fmix(mix(pa, i));
const placeB = (pb: number, i: number): number => fmix(mix(pb, i ^ B_SALT));

/** The leaf of a value that is not a record or an array. */
function scalar(x: unknown, pa: number, pb: number, sign: number): void {
  switch (typeof x) {
    case 'number':
      if ((x | 0) === x) leaf(pa, pb, fmix(x ^ 0x2545f491), fmix(Math.imul(x, 0x9e3779b1) ^ 0x68e31da4), sign);
      else {
        const s = stringLanes(String(x));
        leaf(pa, pb, s[0]! ^ TAG_FLOAT, s[1]!, sign);
      }
      return;
    case 'string': {
      const s = stringLanes(x);
      leaf(pa, pb, s[0]!, s[1]!, sign);
      return;
    }
    case 'boolean':
      leaf(pa, pb, x ? TAG_TRUE : TAG_FALSE, x ? ~TAG_TRUE : ~TAG_FALSE, sign);
      return;
    case 'object': // null
      leaf(pa, pb, TAG_NULL, ~TAG_NULL, sign);
      return;
    default:
      leaf(pa, pb, TAG_UNDEF, ~TAG_UNDEF, sign);
  }
}

/** The leaf of an array's kind and length. */
const arrayLeaf = (pa: number, pb: number, n: number, sign: number): void => leaf(pa, pb, fmix(TAG_ARRAY ^ n), fmix(~TAG_ARRAY + n), sign);

/** Adds (sign 1) or takes away (sign -1) every leaf of `x` at place (pa, pb). */
function walk(x: unknown, pa: number, pb: number, sign: number): void {
  if (typeof x !== 'object' || x === null) {
    scalar(x, pa, pb, sign);
    return;
  }
  if (Array.isArray(x)) {
    const n = x.length;
    arrayLeaf(pa, pb, n, sign);
    for (let i = 0; i < n; i++) walk(x[i], placeA(pa, i), placeB(pb, i), sign);
    return;
  }
  leaf(pa, pb, TAG_OBJECT, ~TAG_OBJECT, sign);
  let i = 0;
  for (const k in x) {
    walk((x as Record<string, unknown>)[k], placeA(pa, i), placeB(pb, i), sign);
    i++;
  }
}

/** The key names of the records being compared, a stack shared by the nested calls of `diffRecords`. */
const names: string[] = [];
let top = 0;

/** Changes the sums from `o` to `n` at place (pa, pb): only where the two differ by identity. */
function diff(o: unknown, n: unknown, pa: number, pb: number): void {
  if (o === n) return;
  if (typeof o === 'object' && o !== null && typeof n === 'object' && n !== null) {
    const arr = Array.isArray(o);
    if (arr === Array.isArray(n) && (arr ? diffArrays(o as readonly unknown[], n as readonly unknown[], pa, pb) : diffRecords(o, n, pa, pb))) return;
  }
  walk(o, pa, pb, -1);
  walk(n, pa, pb, 1);
}

function diffArrays(o: readonly unknown[], n: readonly unknown[], pa: number, pb: number): true {
  const lo = o.length;
  const ln = n.length;
  if (lo !== ln) {
    arrayLeaf(pa, pb, lo, -1);
    arrayLeaf(pa, pb, ln, 1);
  }
  const m = lo < ln ? lo : ln;
  for (let i = 0; i < m; i++) {
    const a = o[i];
    const b = n[i];
    if (a !== b) diff(a, b, placeA(pa, i), placeB(pb, i));
  }
  for (let i = m; i < lo; i++) walk(o[i], placeA(pa, i), placeB(pb, i), -1);
  for (let i = m; i < ln; i++) walk(n[i], placeA(pa, i), placeB(pb, i), 1);
  return true;
}

/** Compares two records field by field when they have the same keys in the same order; false (nothing done) when not. */
function diffRecords(o: object, n: object, pa: number, pb: number): boolean {
  const base = top;
  for (const k in n) names[top++] = k;
  const end = top;
  let j = base;
  for (const k in o) {
    if (j === end || names[j] !== k) {
      top = base;
      return false;
    }
    j++;
  }
  if (j !== end) {
    top = base;
    return false;
  }
  const or = o as Record<string, unknown>;
  const nr = n as Record<string, unknown>;
  for (let i = base; i < end; i++) {
    const k = names[i]!;
    const a = or[k];
    const b = nr[k];
    if (a !== b) diff(a, b, placeA(pa, i - base), placeB(pb, i - base));
  }
  top = base;
  return true;
}

// The places of the state's parts (MM_STATE_PARTS order).
const ROOT_A = 0x6d6d7374;
const ROOT_B = 0x61746521;
const PART_A = MM_STATE_PARTS.map((_, i) => placeA(ROOT_A, i));
const PART_B = MM_STATE_PARTS.map((_, i) => placeB(ROOT_B, i));

function wholeKey(s: MmState): readonly number[] {
  ka = 0;
  kb = 0;
  top = 0;
  for (let i = 0; i < MM_STATE_PARTS.length; i++) walk(s[MM_STATE_PARTS[i]!], PART_A[i]!, PART_B[i]!, 1);
  return [ka, kb];
}

function diffKey(fromKey: readonly number[], from: MmState, s: MmState): readonly number[] {
  ka = fromKey[0]!;
  kb = fromKey[1]!;
  top = 0;
  for (let i = 0; i < MM_STATE_PARTS.length; i++) {
    const p = MM_STATE_PARTS[i]!;
    diff(from[p], s[p], PART_A[i]!, PART_B[i]!);
  }
  return [ka, kb];
}

// The last two states derived from another (newest first): the states whose keys can start from another's.
let to0: MmState | null = null;
let from0: MmState | null = null;
let to1: MmState | null = null;
let from1: MmState | null = null;

/** `to` was made from `from` sharing what did not change (a successor, a representative): its key may start from `from`'s. */
export function noteDerived(from: MmState, to: MmState): void {
  if (from === to) return;
  to1 = to0;
  from1 = from0;
  to0 = to;
  from0 = from;
}

/** How many keys were derived from another state's and how many walked whole (tests, benchmarks). */
export const keyCounts = { derived: 0, whole: 0 };

/** The state's key (two 32-bit words): kept on the state, else from the state it was derived from, else walked whole. */
export function mmStateKey(s: MmState): readonly number[] {
  const kept = KeptKey.get(s);
  if (kept !== undefined) return kept;
  const from = s === to0 ? from0 : s === to1 ? from1 : null;
  let key: readonly number[];
  if (from !== null) {
    key = diffKey(mmStateKey(from), from, s);
    keyCounts.derived++;
  } else {
    key = wholeKey(s);
    keyCounts.whole++;
  }
  KeptKey.keep(s, key);
  return key;
}

/** The state's key walked whole, ignoring kept keys (tests: a derived key must equal it). */
export function wholeStateKey(s: MmState): readonly number[] {
  return wholeKey(s);
}
