import type { KnownSignature } from './KnownSignature.js';
import type { SweepRecord, SweepStatus, SweepSummary } from './SweepRecord.js';
import { hasNewViolation, knownIdsOf, knownInScope } from './triage.js';
import { sweepModeFields } from './sweepMode.js';

export interface SummaryMeta {
  readonly scope: string;
  readonly events: 'seed' | 'v5.2';
  readonly shard: { index: number; count: number } | null;
  /** The filters of a partial sweep (`site=24`), '' for the whole scope. */
  readonly filter: string;
  readonly skipped: Record<string, number>;
  readonly modelHash: string;
  /** Every configuration explored under partial-order reduction, checked on every state (`mnc sweep --por-check`). */
  readonly porCheck?: boolean;
  /** With porCheck: sleep sets on top (`mnc sweep --sleep-sets`). */
  readonly sleepSets?: boolean;
  /** Every property's violation per configuration (`mnc sweep --all-violations`). */
  readonly allViolations?: boolean;
  readonly seconds: number;
  /** Known findings the previous report of the same sweep reached (they must still be reached). */
  readonly previouslyKnown?: readonly string[];
}

const STATUSES: readonly SweepStatus[] = ['ok', 'violation', 'deadlock', 'incomplete', 'model-error'];

/**
 * The summary of a set of finished records (a sweep, a shard, or merged
 * shards). A known finding has disappeared when the previous report of the
 * same sweep reached it and this one does not, or, for a whole unsharded
 * sweep, when some configuration fits its pattern and none shows it.
 */
export function summarize(records: readonly SweepRecord[], meta: SummaryMeta, known: readonly KnownSignature[]): SweepSummary {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<SweepStatus, number>;
  for (const r of records) counts[r.status]++;
  // every violation of a record: its first, and under --all-violations the others (each triaged on its own)
  const reached = [...new Set(records.flatMap(knownIdsOf))];
  const order = known.map((k) => k.id);
  reached.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const whole = meta.shard === null && meta.filter === '';
  const expected = new Set([...(meta.previouslyKnown ?? []), ...(whole ? knownInScope(known, records, meta.events) : [])]);
  return {
    scope: meta.scope,
    events: meta.events,
    shard: meta.shard,
    configurations: records.length,
    skipped: meta.skipped,
    counts,
    newFindings: records.filter(hasNewViolation).length,
    knownFindings: reached,
    missingKnown: [...expected].filter((id) => !reached.includes(id)).sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    modelHash: meta.modelHash,
    ...sweepModeFields(meta),
    seconds: meta.seconds,
    explored: records.filter((r) => !r.cached).length,
    cached: records.filter((r) => r.cached).length,
    filter: meta.filter,
    notReached: records.filter((r) => r.siteReached === false).length,
  };
}

/** The order of records in a report: by site, path, then id (the same for a sweep and for merged shards). */
export function compareRecords(a: SweepRecord, b: SweepRecord): number {
  return Number(a.site) - Number(b.site) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
