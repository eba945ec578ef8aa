/**
 * The slots a step changed, for step properties (properties/), found
 * without recording the slots it did not change: a property that walked a
 * whole table to find them would read every slot, and what a step property
 * reads on an edge is part of the action's footprint (PartialOrder.
 * edgeReads), so every step would depend on every other step writing that
 * table. Which slots differ between a state and its successor is a function
 * of what the step wrote (states are copied on write: a slot is a new object
 * exactly when the step wrote at or below it), so leaving the comparison
 * unrecorded loses no dependency: the footprint of the step already holds
 * each slot it wrote, and the property reads only those.
 */
import { activeRecorder } from './recordingProxy.js';

/** The keys of `prev` and `next` (array indices, in order) whose values differ by identity. */
export function changedKeys<T>(prev: readonly T[], next: readonly T[]): number[];
export function changedKeys<T>(prev: Readonly<Record<string, T>>, next: Readonly<Record<string, T>>): string[];
export function changedKeys<T>(prev: Readonly<Record<string, T>> | readonly T[], next: Readonly<Record<string, T>> | readonly T[]): (string | number)[] {
  const rec = activeRecorder();
  if (rec) rec.paused++;
  try {
    const p = prev as Readonly<Record<string, T>>;
    const n = next as Readonly<Record<string, T>>;
    if (Array.isArray(prev) && Array.isArray(next)) {
      const out: number[] = [];
      for (let i = 0; i < Math.max(prev.length, next.length); i++) if (prev[i] !== next[i]) out.push(i);
      return out;
    }
    const keys = new Set([...Object.keys(p), ...Object.keys(n)]);
    return [...keys].filter((k) => p[k] !== n[k]);
  } finally {
    if (rec) rec.paused--;
  }
}
