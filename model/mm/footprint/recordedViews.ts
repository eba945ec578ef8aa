/**
 * Properties run on recorded views of states (model/mmPartialOrder.ts): what each
 * evaluation reads, as a footprint. The views are copies, made as the
 * properties reach them, in which objects shared between the states stay
 * shared (a step property telling what changed by identity, `prev.locks ===
 * next.locks`, reads the same on the copies), wrapped by one Recorder
 * (recordingProxy.ts, Copying `views`).
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
  // copies of what the properties reach, one per original object (recordingProxy.ts Copying `views`)
  const { rec, views } = Recorder.sharedViews(states);
  for (let i = 0; i < count; i++) {
    rec.run(() => evaluate(i, views));
    each(i, rec.cut());
  }
}
