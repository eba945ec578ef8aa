import type { KnownSignature } from './KnownSignature.js';
import type { SweepRecord, SweepReport } from './SweepRecord.js';
import { compareRecords, summarize } from './summarize.js';
import { sweepMode, sweepModeFields } from './sweepMode.js';

/**
 * Shard reports combined into one: the union of their records (sorted by
 * id), the summary recomputed over it. Shards must come from one model
 * (same code hash, scope and events) and share no configuration; the
 * skipped counts are the generator's, the same in every shard.
 */
export function mergeReports(reports: readonly SweepReport[], known: readonly KnownSignature[]): SweepReport | string {
  if (reports.length === 0) return 'nothing to merge';
  const first = reports[0]!.summary;
  for (const r of reports) {
    if (r.summary.modelHash !== first.modelHash) return `shards come from different models (hash ${first.modelHash} vs ${r.summary.modelHash})`;
    if (r.summary.scope !== first.scope || r.summary.events !== first.events || (r.summary.filter ?? '') !== (first.filter ?? ''))
      return `shards come from different sweeps (${first.scope}/${first.events} vs ${r.summary.scope}/${r.summary.events})`;
    if (sweepMode(r.summary) !== sweepMode(first)) return `shards come from different sweeps (one ${sweepMode(first)}, one ${sweepMode(r.summary)})`;
  }
  const byId = new Map<string, SweepRecord>();
  for (const r of reports) {
    for (const rec of r.records) {
      if (byId.has(rec.id)) return `configuration ${rec.id} is in two shards`;
      byId.set(rec.id, rec);
    }
  }
  const records = [...byId.values()].sort(compareRecords);
  const seconds = reports.reduce((t, r) => t + r.summary.seconds, 0);
  const summary = summarize(
    records,
    {
      scope: first.scope,
      events: first.events,
      shard: null,
      filter: first.filter ?? '',
      skipped: first.skipped,
      modelHash: first.modelHash,
      ...sweepModeFields(first),
      seconds: Math.round(seconds * 100) / 100,
    },
    known,
  );
  return { summary, records };
}
