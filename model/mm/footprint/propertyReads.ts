/**
 * What the mm properties (properties/) may read, declared for the
 * partial-order reduction's visibility condition (src/engine/por/): every
 * evaluation of a property in a reduced run is recorded and checked against
 * this (model/mmPartialOrder.ts checkReads), so a property that reads more is a
 * ModelError naming it, never a silently unsound reduction.
 *
 * Reachability guards read where every thread stands (its frames) and may
 * read everything; so may a property not named here.
 */
import type { PropertyRef } from '../../../src/engine/PartialOrder.js';

const SHARED = ['mms', 'vmas', 'pmdTables', 'pteTables', 'frames', 'files', 'swap', 'locks', 'mirrors'];

/**
 * The invariants of properties/mmProperties.ts and what they read: mirror
 * entries and bookkeeping, the CPU's translation (PUD, PMD and PTE tables)
 * and TLB, frames, and the notifier ranges in flight (a counterexample's
 * message names them too). Not locks, vmas, files, swap, where a thread
 * stands or what it holds: steps that write only those are invisible.
 */
const INVARIANTS = new Set(['cpu-tlb-no-stale-frame', 'mirror-coherence', 'mirror-quiescent', 'no-stale-frame', 'tlb-mirror-coherence']);
const INVARIANT_READS = ['mms', 'pmdTables', 'pteTables', 'frames', 'mirrors', 'threads.*.ranges', 'threads.length'];

/** The paths invariant or reachability guard `p` may read (dotted; `*` is any one segment). Step properties need none (PartialOrder.edgeReads). */
export function propertyReads(p: PropertyRef): readonly string[] {
  if (p.kind === 'invariant' && INVARIANTS.has(p.name)) return INVARIANT_READS;
  return [...SHARED, 'threads', 'sections'];
}
