/** Toy models that exist only to test the engine (their state counts are known by hand). */
import type { Model } from '../../../src/engine/Model.js';
import type { Property } from '../../../src/engine/Property.js';

type Pcs = readonly number[];

const describeState = (s: Pcs) => Object.fromEntries(s.map((v, i) => [`v${i}`, v]));

/** N threads of K steps that touch only their own counter: (K+1)^N states. */
export function independent(n: number, k: number, local = false): Model<Pcs, number> {
  return {
    name: `independent(${n},${k})`,
    initialStates: () => [Array(n).fill(0)],
    actions: (s, out) => s.forEach((pc, t) => pc < k && out.push(t)),
    nextState: (s, t) => s.map((pc, i) => (i === t ? pc + 1 : pc)),
    key: (s) => s,
    isDone: (s) => s.every((pc) => pc === k),
    describeAction: (_s, t) => ({ thread: `t${t}`, label: 'step' }),
    describeState,
    ...(local ? { isLocal: () => true } : {}),
  };
}

/**
 * Two threads each increment x non-atomically (read into a local, then
 * write local + 1). State: [x, pc0, r0, pc1, r1].
 */
export function lostUpdate(): Model<Pcs, number> {
  return {
    name: 'lost-update',
    initialStates: () => [[0, 0, 0, 0, 0]],
    actions: (s, out) => [0, 1].forEach((t) => s[1 + 2 * t]! < 2 && out.push(t)),
    nextState: (s, t) => {
      const n = [...s];
      const pc = 1 + 2 * t;
      if (n[pc] === 0) n[pc + 1] = n[0]!;
      else n[0] = n[pc + 1]! + 1;
      n[pc]!++;
      return n;
    },
    key: (s) => s,
    isDone: (s) => s[1] === 2 && s[3] === 2,
    describeAction: (s, t) => ({ thread: `inc${t}`, label: s[1 + 2 * t] === 0 ? 'read' : 'write' }),
    describeState,
  };
}

export const bothIncrements: Property<Pcs, number> = {
  kind: 'terminal',
  name: 'both-increments',
  description: 'x is 2 when both threads have ended',
  check: (s) => (s[0] === 2 ? undefined : `x = ${s[0]}`),
};

/** Two threads take locks A and B in opposite orders. State: [ownerA, ownerB, pc0, pc1] (owner -1 = free). */
export function lockOrder(): Model<Pcs, number> {
  const order = [
    [0, 1],
    [1, 0],
  ];
  return {
    name: 'lock-order',
    initialStates: () => [[-1, -1, 0, 0]],
    actions: (s, out) => {
      for (const t of [0, 1]) {
        const pc = s[2 + t]!;
        if (pc < 2 && s[order[t]![pc]!] === -1) out.push(t);
        else if (pc === 2) out.push(t);
      }
    },
    nextState: (s, t) => {
      const n = [...s];
      const pc = n[2 + t]!;
      if (pc < 2) n[order[t]![pc]!] = t;
      else n[0] = n[1] = -1;
      n[2 + t] = pc + 1;
      return n;
    },
    key: (s) => s,
    isDone: (s) => s[2] === 3 && s[3] === 3,
    describeAction: (s, t) => ({ thread: `t${t}`, label: s[2 + t]! < 2 ? 'lock' : 'unlock-all' }),
    describeState,
  };
}
