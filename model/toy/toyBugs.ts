/** Small concurrency bugs as toy models, each with the property it violates: what the random strategies must find (test/random, bench/random). */
import type { Model } from '../../src/engine/Model.js';
import type { Property } from '../../src/engine/Property.js';
import { noiseThreads, toyModel, type ToyState, type ToyThread, type Vars } from './toyModel.js';

export interface ToyBug {
  readonly name: string;
  readonly model: Model<ToyState, number>;
  readonly properties: readonly Property<ToyState, number>[];
  /** The property the bug violates. */
  readonly violates: string;
}

/** Increment threads: read `count` into a local, then write it back plus one (a lost update). */
export function racyCounter(threads = 2, noise = 0): ToyBug {
  const inc = (t: number): ToyThread => ({
    name: `inc#${t}`,
    steps: [
      { label: 'counter:read', run: (v) => ({ ...v, [`tmp${t}`]: v.count! }) },
      { label: 'counter:write', run: (v) => ({ ...v, count: v[`tmp${t}`]! + 1, done: v.done! + 1 }) },
    ],
  });
  const vars: Vars = { count: 0, done: 0 };
  return {
    name: 'racy-counter',
    model: toyModel('racy-counter', [...Array.from({ length: threads }, (_, t) => inc(t)), ...noiseThreads(noise, 3)], vars),
    properties: [
      {
        kind: 'invariant',
        name: 'no-lost-update',
        description: 'count equals the number of finished increments',
        check: (s) => (s.vars.count === s.vars.done ? undefined : `count ${s.vars.count} after ${s.vars.done} increments`),
      },
    ],
    violates: 'no-lost-update',
  };
}

/** Two threads take locks a and b in opposite orders (an ABBA deadlock). */
export function lockOrder(noise = 0): ToyBug {
  const lock = (l: string) => ({ label: `lock:${l}`, guard: (v: Vars) => v[l] === 0, run: (v: Vars) => ({ ...v, [l]: 1 }) });
  const unlock = (l: string) => ({ label: `unlock:${l}`, run: (v: Vars) => ({ ...v, [l]: 0 }) });
  const threads: ToyThread[] = [
    { name: 'ab', steps: [lock('a'), lock('b'), unlock('b'), unlock('a')] },
    { name: 'ba', steps: [lock('b'), lock('a'), unlock('a'), unlock('b')] },
    ...noiseThreads(noise, 3),
  ];
  return { name: 'lock-order', model: toyModel('lock-order', threads, { a: 0, b: 0 }), properties: [], violates: 'deadlock' };
}

/** Two threads test a flag, then set it, then enter: both can pass the test before either sets it. */
export function flagRace(noise = 0): ToyBug {
  const t = (name: string): ToyThread => ({
    name,
    steps: [
      { label: 'flag:test', guard: (v) => v.flag === 0, run: (v) => v },
      { label: 'flag:set', run: (v) => ({ ...v, flag: 1 }) },
      { label: 'cs:enter', run: (v) => ({ ...v, cs: v.cs! + 1 }) },
      { label: 'cs:leave', run: (v) => ({ ...v, cs: v.cs! - 1, flag: 0 }) },
    ],
  });
  return {
    name: 'flag-race',
    model: toyModel('flag-race', [t('p'), t('q'), ...noiseThreads(noise, 3)], { flag: 0, cs: 0 }),
    properties: [
      {
        kind: 'invariant',
        name: 'mutual-exclusion',
        description: 'at most one thread in the critical section',
        check: (s) => (s.vars.cs! <= 1 ? undefined : `${s.vars.cs} threads in the critical section`),
      },
    ],
    violates: 'mutual-exclusion',
  };
}

/**
 * A publish-order bug of depth 2: the writer sets `ready` before `data`
 * after `k` preparatory steps; the reader's use is wrong only between those
 * two writes. A uniform walk hits the window only if the reader is picked
 * at that one step; PCT whenever the reader outranks the writer.
 */
export function publishOrder(k = 8, noise = 0): ToyBug {
  const writer: ToyThread = {
    name: 'writer',
    steps: [
      ...Array.from({ length: k }, (_, i) => ({ label: `writer:prepare${i}`, run: (v: Vars) => ({ ...v, prep: i + 1 }) })),
      { label: 'writer:set-ready', run: (v) => ({ ...v, ready: 1 }) },
      { label: 'writer:set-data', run: (v) => ({ ...v, data: 1 }) },
    ],
  };
  const reader: ToyThread = {
    name: 'reader',
    steps: [{ label: 'reader:use', guard: (v) => v.ready === 1, run: (v) => ({ ...v, seen: v.data! === 1 ? 1 : -1 }) }],
  };
  return {
    name: 'publish-order',
    model: toyModel('publish-order', [writer, reader, ...noiseThreads(noise, k)], { prep: 0, ready: 0, data: 0, seen: 0 }),
    properties: [
      {
        kind: 'invariant',
        name: 'reader-sees-data',
        description: 'a reader that saw ready also sees data',
        check: (s) => (s.vars.seen === -1 ? 'reader used data before it was written' : undefined),
      },
    ],
    violates: 'reader-sees-data',
  };
}

export const TOY_BUGS = {
  'racy-counter': () => racyCounter(2, 2),
  'lock-order': () => lockOrder(2),
  'flag-race': () => flagRace(2),
  'publish-order': () => publishOrder(8, 2),
} as const;

/** An easy property beside a bug: noise#0 never finishes (violated by most runs of racyCounter(2, 2)). */
export const NOISE_NEVER_ENDS: Property<ToyState, number> = {
  kind: 'invariant',
  name: 'noise-never-ends',
  description: 'noise#0 never finishes (violated by most runs)',
  check: (s) => (s.pc[2] === 3 ? 'noise#0 finished' : undefined),
};
