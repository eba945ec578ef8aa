/**
 * Properties run on recorded views of states (mmPartialOrder.ts): what each
 * evaluation reads, as a footprint. The views are writable copies in which
 * objects shared between the states stay shared (a step property telling
 * what changed by identity, `prev.locks === next.locks`, reads the same on
 * the copies), wrapped by one Recorder (recordingProxy.ts).
 */
import type { MmState } from '../MmState.js';
import type { Footprint } from './Footprint.js';
import { Recorder } from './recordingProxy.js';

/** Runs `evaluate(i, views)` for i < count on recorded views of `states`, handing each one's footprint to `each`. */
export function recordEach(
  states: readonly MmState[],
  count: number,
  evaluate: (i: number, views: readonly MmState[]) => void,
  each: (i: number, f: Footprint) => void,
): void {
  if (count === 0) return;
  const rec = new Recorder();
  const memo = new Map<object, unknown>();
  const views = states.map((s) => rec.root(copyShared(s, memo)));
  for (let i = 0; i < count; i++) {
    rec.run(() => evaluate(i, views));
    each(i, rec.cut());
  }
}

/** A writable deep copy of `s` (cfg shared) in which objects shared between the states given the same memo stay shared. */
function copyShared(s: MmState, memo: Map<object, unknown>): MmState {
  const copy = (x: unknown): unknown => {
    if (x === null || typeof x !== 'object') return x;
    const hit = memo.get(x);
    if (hit !== undefined) return hit;
    let c: unknown;
    if (Array.isArray(x)) {
      const a: unknown[] = [];
      memo.set(x, a);
      for (const v of x) a.push(copy(v));
      c = a;
    } else {
      const o: Record<string, unknown> = {};
      memo.set(x, o);
      for (const k in x) o[k] = k === 'cfg' && x === s ? (x as MmState).cfg : copy((x as Record<string, unknown>)[k]);
      c = o;
    }
    return c;
  };
  return copy(s) as MmState;
}
