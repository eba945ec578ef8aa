/**
 * Random toy models with recorded footprints, to test the sleep sets
 * (src/engine/por/SleepSets.ts) against a full search: `threads` cyclic
 * programs of `steps` steps over `bits` shared bits. A step copies one bit
 * into another, maybe flipped (it reads the one, writes the other and its own
 * pc), and may wait for a third bit to be 0 (its enabledness reads it). Its
 * last step ends the thread or loops back to its first, so that one state is
 * reached by paths of several lengths.
 *
 * Every thread's future is declared as everything, so no ample set is ever
 * taken: a run with `sleepSets` is the sleep sets alone, which must reach
 * every state. `lie` makes the footprints omit the bit a step writes (a
 * wrong independence relation), for the tests that must then fail.
 */
import type { Model } from '../../../src/engine/Model.js';
import type { PartialOrder } from '../../../src/engine/PartialOrder.js';

/** [pc of each thread, then each bit] */
export type Bits = readonly number[];

interface Step {
  readonly dst: number;
  readonly src: number;
  readonly flip: number;
  readonly waitFor: number;
  readonly next: number;
}

interface Fp {
  readonly r: ReadonlySet<string>;
  readonly w: ReadonlySet<string>;
}

/** xorshift32: a seeded, portable stream in [0, 1). */
function stream(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

const EMPTY: Fp = { r: new Set(), w: new Set() };
const hits = (x: Fp, y: Fp) => [...x.w].some((p) => y.r.has(p) || y.w.has(p)) || [...y.w].some((p) => x.r.has(p));

export function sharedBits(seed: number, threads = 3, bits = 3, steps = 3, lie = false): Model<Bits, number> {
  const next = stream(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const progs: Step[][] = [];
  for (let t = 0; t < threads; t++) {
    const p: Step[] = [];
    for (let i = 0; i < steps; i++) {
      const flip = next() < 0.5 ? 1 : 0;
      const waitFor = next() < 0.3 ? pick(bits) : -1;
      p.push({ dst: pick(bits), src: pick(bits), flip, waitFor, next: i + 1 < steps ? i + 1 : next() < 0.5 ? 0 : steps });
    }
    progs.push(p);
  }
  const footprint = (s: Bits, t: number): Fp => {
    const st = progs[t]![s[t]!]!;
    const r = new Set([`pc${t}`, `b${st.src}`]);
    if (st.waitFor >= 0) r.add(`b${st.waitFor}`);
    return { r, w: new Set(lie ? [`pc${t}`] : [`pc${t}`, `b${st.dst}`]) };
  };
  const everything: Fp = { r: new Set(), w: new Set([...Array(threads).keys()].map((t) => `pc${t}`).concat([...Array(bits).keys()].map((b) => `b${b}`))) };
  const po: PartialOrder<Bits, number, Fp> = {
    thread: (a) => a,
    actionKey: (a) => a,
    threadCount: () => threads,
    footprint,
    checkReads: () => {},
    edgeReads: () => EMPTY,
    conflict: (x, y) => (hits(x, y) ? 'a bit' : undefined),
    conflicts: hits,
    future: () => everything,
    visible: () => EMPTY,
    union: (fs) => ({ r: new Set(fs.flatMap((f) => [...f.r])), w: new Set(fs.flatMap((f) => [...f.w])) }),
  };
  return {
    name: `shared-bits(${seed})`,
    initialStates: () => [Array<number>(threads + bits).fill(0)],
    actions: (s, out) => {
      for (let t = 0; t < threads; t++) {
        const st = progs[t]![s[t]!];
        if (st && (st.waitFor < 0 || s[threads + st.waitFor] === 0)) out.push(t);
      }
    },
    nextState: (s, t) => {
      const st = progs[t]![s[t]!]!;
      const n = [...s];
      n[threads + st.dst] = s[threads + st.src]! ^ st.flip;
      n[t] = st.next;
      return n;
    },
    key: (s) => s,
    isDone: (s) => s.slice(0, threads).every((pc) => pc >= steps),
    describeAction: (_s, t) => ({ thread: `t${t}`, label: 'copy' }),
    describeState: (s) => Object.fromEntries(s.map((v, i) => [i < threads ? `pc${i}` : `b${i - threads}`, v])),
    partialOrder: po,
  };
}
