/**
 * Reachability guards (kind `reachable`): a scenario whose interesting
 * state never occurs is vacuous and fails with `unreachable`.
 *  - reach-range-started: some notifier range reached `started`.
 *  - reach-mirror-race: a device access (at its access step, or inside its
 *    fault after the first step) while a range covering its address is in flight.
 *  - reach-fault-retry: a mirror fault jumped to its retry label.
 *  - reach-nonblock-failure: a start_nonblock failed.
 *  - reach-all-done: every thread ended.
 */
import type { Reachable } from '../src/engine/Property.js';
import type { MmState, ProgFrame } from '../model/mm/MmState.js';
import { FAULT_RETRIES, firstLabel } from './faultRetries.js';
import { DEVICE_ACCESS } from './deviceAccess.js';
import { inflightCovering } from './view/ranges.js';

const guard = (name: string, description: string, check: (s: MmState) => boolean): Reachable<MmState> => ({
  name,
  description,
  kind: 'reachable',
  check,
});

/** A device access racing an invalidation: its frames from the access program down. */
function racing(s: MmState, frames: readonly ProgFrame[]): boolean {
  const i = frames.findIndex((f) => f.prog === DEVICE_ACCESS.prog);
  if (i < 0) return false;
  const acc = frames[i]!;
  const m = acc.locals['m'];
  const addr = acc.locals['addr'];
  if (typeof m !== 'number' || typeof addr !== 'number' || !s.mirrors[m]) return false;
  const fault = frames[i + 1];
  const inFault = fault !== undefined && fault.prog.endsWith('.fault') && fault.pc !== firstLabel(fault.prog);
  const atAccess = frames.length === i + 1 && acc.pc === DEVICE_ACCESS.step;
  return (inFault || atAccess) && inflightCovering(s, s.mirrors[m].mm, addr);
}

export const REACH_GUARDS: Readonly<Record<string, Reachable<MmState>>> = {
  'reach-range-started': guard('reach-range-started', 'some notifier range is started', (s) =>
    s.threads.some((t) => t.ranges.some((r) => r?.phase === 'started')),
  ),
  'reach-mirror-race': guard('reach-mirror-race', 'a device access or mirror fault overlaps an invalidation of its address', (s) =>
    s.threads.some((t) => racing(s, t.frames)),
  ),
  'reach-fault-retry': guard('reach-fault-retry', 'a mirror fault retries', (s) =>
    s.threads.some((t) => t.frames.some((f) => FAULT_RETRIES.some((r) => r.prog === f.prog && r.retryLabel === f.pc))),
  ),
  'reach-nonblock-failure': guard('reach-nonblock-failure', 'a non-blocking start failed', (s) =>
    s.threads.some((t) => t.ranges.some((r) => r?.phase === 'failed')),
  ),
  'reach-all-done': guard('reach-all-done', 'every thread ends', (s) => s.threads.every((t) => t.frames.length === 0)),
};
