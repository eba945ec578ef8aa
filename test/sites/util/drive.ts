/**
 * Drives one interleaving of a scenario's model by hand (no exploration):
 * run a thread until a condition holds, ask where a thread stands or whether
 * it may move. For tests that pin one schedule of a race.
 */
import { expect } from 'vitest';
import type { MmAction, MmModel } from '../../../model/MmModel.js';
import type { MmState } from '../../../model/mm/MmState.js';

export interface Driver {
  /** The current state. */
  readonly s: MmState;
  /** `program:label` of thread t's top frame, or `done`. */
  at(t: number): string;
  /** Thread t's first enabled action now, if any. */
  enabled(t: number): MmAction | undefined;
  /** Runs thread t until `until` holds (at most 200 steps); fails the test if it cannot. */
  run(t: number, until: (s: MmState) => boolean): void;
  /** Runs every thread to its end, the first enabled action each time (at most 2,000 steps). */
  finish(): void;
}

export function drive(m: MmModel): Driver {
  let s: MmState = m.initialStates()[0]!;
  const acts = (): MmAction[] => {
    const out: MmAction[] = [];
    m.actions(s, out);
    return out;
  };
  const d: Driver = {
    get s() {
      return s;
    },
    at(t) {
      const f = s.threads[t]!.frames;
      const top = f[f.length - 1];
      return top ? `${top.prog}:${top.pc}` : 'done';
    },
    enabled: (t) => acts().find((x) => x.thread === t),
    run(t, until) {
      for (let i = 0; i < 200 && !until(s); i++) {
        const a = d.enabled(t);
        if (!a) throw new Error(`thread ${t} cannot run at ${d.at(t)}`);
        s = m.nextState(s, a);
      }
      expect(until(s), `thread ${t} stopped at ${d.at(t)}`).toBe(true);
    },
    finish() {
      for (let i = 0; i < 2000 && !m.isDone(s); i++) {
        const a = acts();
        expect(a.length).toBeGreaterThan(0);
        s = m.nextState(s, a[0]!);
      }
      expect(m.isDone(s)).toBe(true);
    },
  };
  return d;
}
