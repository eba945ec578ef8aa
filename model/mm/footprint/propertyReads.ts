/**
 * What the mm properties (properties/) may read, declared for the
 * partial-order reduction's visibility condition (src/engine/por/): every
 * evaluation of a property in a reduced run is recorded and checked against
 * this (mmPartialOrder.ts checkReads), so a property that reads more is a
 * ModelError naming it, never a silently unsound reduction.
 *
 * Recorded on the built-in scenarios (a recording pass over them): the
 * properties read the shared state (page tables, TLBs, frames, mirrors,
 * locks, vmas), every thread's notifier ranges, and a step property also the
 * moving thread's whole state (its pc, held locks, ranges: mmPartialOrder.ts
 * adds that part). Reachability guards read where every thread stands (its
 * frames) too. A property not named here may read everything.
 */
import type { PropertyRef } from '../../../src/engine/PartialOrder.js';

const SHARED = ['mms', 'vmas', 'pmdTables', 'pteTables', 'frames', 'files', 'swap', 'locks', 'mirrors'];

/** Invariants and step properties of properties/mmProperties.ts whose reads are declared above. */
const KNOWN = new Set([
  'change-covered',
  'cpu-tlb-no-stale-frame',
  'device-access',
  'event-promise',
  'fault-progress',
  'fault-retries',
  'lock-release-by-holder',
  'mirror-coherence',
  'mirror-quiescent',
  'mkclean-observed',
  'no-sleep-under-spinlock',
  'no-stale-frame',
  'nonblock-failure-no-end',
  'pte-under-ptl',
  'range-pairing',
  'range-vma',
  'spte-coherence',
  'thread-ends-closed',
  'tlb-mirror-coherence',
  'vma-under-mmap-sem',
]);

/** The paths property `p` may read (dotted; `*` is any one segment). */
export function propertyReads(p: PropertyRef): readonly string[] {
  if (p.kind !== 'reachable' && KNOWN.has(p.name)) return [...SHARED, 'threads.*.ranges', 'threads.length'];
  return [...SHARED, 'threads', 'sections'];
}
