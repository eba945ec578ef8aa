import { runInWorkers } from '../parallel/runInWorkers.js';
import type { KnownSignature } from './KnownSignature.js';
import type { SweepItem } from './SweepItem.js';
import { SweepProgress } from './SweepProgress.js';
import type { SweepRecord, SweepReport } from './SweepRecord.js';
import { SweepStore } from './SweepStore.js';
import { compareRecords, summarize, type SummaryMeta } from './summarize.js';
import { triage } from './triage.js';
import { sweepCacheKey, sweepMode } from './sweepMode.js';

export interface SweepRun<J> {
  readonly items: readonly SweepItem<J>[];
  /** Summary fields the runner does not compute (`seconds` is measured). */
  readonly meta: Omit<SummaryMeta, 'seconds' | 'previouslyKnown'>;
  readonly known: readonly KnownSignature[];
  /** Where finished records are appended (checkpoint and incremental cache). */
  readonly dir: string;
  /** Worker threads; 1 runs in-process through `runLocal`. */
  readonly threads: number;
  /** The worker module (it calls serveJobs with the same function as runLocal). */
  readonly worker: URL;
  readonly runLocal: (job: J) => SweepRecord;
  /** Called with a progress line about every `progressSeconds` (and at the end). */
  readonly onProgress?: (line: string) => void;
  readonly progressSeconds?: number;
  /** The jobs note the steps they run (`--coverage`): a cached record without its `steps` is explored again. */
  readonly coverage?: boolean;
}

/**
 * Explores every configuration not already finished with the same code
 * hash (those are taken from the store, `cached: true`), on worker threads,
 * appending each record to the store as it finishes: a killed sweep
 * resumes where it stopped, and an unchanged configuration is not explored
 * again. The report lists the records by site, path and id whatever the workers.
 */
export async function runSweep<J>(run: SweepRun<J>): Promise<SweepReport> {
  const store = new SweepStore(run.dir);
  const previous = store.previousReport();
  const same =
    previous !== undefined &&
    previous.scope === run.meta.scope &&
    previous.events === run.meta.events &&
    (previous.filter ?? '') === run.meta.filter &&
    JSON.stringify(previous.shard) === JSON.stringify(run.meta.shard) &&
    sweepMode(previous) === sweepMode(run.meta);
  // A record explored under --por-check (or --sleep-sets) is not the plain run's (its counts are the reduced graph's), nor one
  // explored with --all-violations (it went on past its first violation): each mode caches its own.
  const hash = sweepCacheKey(run.meta.modelHash, run.meta);
  const progress = new SweepProgress(run.items.length);
  const records = new Map<string, SweepRecord>();
  const todo: SweepItem<J>[] = [];
  for (const it of run.items) {
    const old = store.get(it.id, hash);
    if (old !== undefined && old.status !== 'incomplete' && (run.coverage !== true || old.steps !== undefined)) {
      // Triage again: the list of known findings may have changed since (it is not part of the code hash).
      const r = { ...triage(old, run.known, run.meta.events), cached: true };
      records.set(it.id, r);
      progress.add(r);
    } else todo.push(it);
  }
  let last = performance.now();
  const every = (run.progressSeconds ?? 10) * 1000;
  const finish = (it: SweepItem<J>, raw: SweepRecord) => {
    const r = triage({ ...raw, id: it.id, site: it.site, path: it.path, config: it.config }, run.known, run.meta.events);
    const { cached: _c, ...plain } = r;
    store.put(hash, plain);
    records.set(it.id, plain);
    progress.add(plain);
    if (run.onProgress && performance.now() - last >= every) {
      last = performance.now();
      run.onProgress(progress.line());
    }
  };
  if (run.threads <= 1) for (const it of todo) finish(it, run.runLocal(it.job));
  else
    await runInWorkers<J, SweepRecord>(
      run.worker,
      todo.map((it) => it.job),
      run.threads,
      (i, r) => finish(todo[i]!, r),
    );
  run.onProgress?.(progress.line());
  const ordered = run.items.map((it) => records.get(it.id)!).sort(compareRecords);
  const meta: SummaryMeta = { ...run.meta, seconds: Math.round(progress.elapsed() * 100) / 100, ...(same ? { previouslyKnown: previous.knownFindings } : {}) };
  return { summary: summarize(ordered, meta, run.known), records: ordered };
}
