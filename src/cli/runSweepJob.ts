import type { SweepJob } from './SweepJob.js';
import { resolveScenario } from '../../model/scenario/resolveScenario.js';
import { CATALOG } from '../../model/sites/catalog.js';
import { buildMmModel } from '../../model/MmModel.js';
import { contractProperties } from '../../properties/mmProperties.js';
import { reachSite } from '../../properties/reachSite.js';
import { bfs } from '../engine/bfs.js';
import type { ExploreResult, TracePath, Violation } from '../engine/ExploreResult.js';
import { readableTrace, type ReadableTrace } from '../report/TraceStep.js';
import type { SweepRecord, SweepStatus, SweepTraceStep, SweepViolation } from '../sweep/SweepRecord.js';
import type { Model } from '../engine/Model.js';
import { startStepCoverage, stopStepCoverage } from '../../model/mm/step/stepCoverage.js';
import { sweepStepBits } from './sweepCoverage.js';

/** A readable trace as sweep steps: the label split into `file:function` and the kernel label, changes on one line. */
function steps(t: ReadableTrace): SweepTraceStep[] {
  return t.steps.map((s) => {
    const label = s.label.replace(/ \[outcome \d+\]$/, '');
    const cut = label.lastIndexOf(':');
    const change = Object.entries(s.changes)
      .filter(([k]) => !k.endsWith('.pc'))
      .map(([k, [a, b]]) => `${k}: ${a ?? '-'} -> ${b ?? '-'}`)
      .join(', ');
    return { thread: s.thread, label: cut < 0 ? label : label.slice(cut + 1), at: cut < 0 ? '' : label.slice(0, cut), change };
  });
}

function statusOf(r: ExploreResult, first: Violation | undefined): SweepStatus {
  if (r.status === 'model-error') return 'model-error';
  if (first !== undefined) return first.kind === 'deadlock' ? 'deadlock' : 'violation';
  return r.status === 'incomplete' ? 'incomplete' : 'ok';
}

/**
 * Explores one sweep configuration exhaustively (breadth-first: the trace
 * is a shortest one) against every contract property, plus the guard that
 * the configuration reaches its site. Under `porCheck` the exploration is
 * reduced and the reduction checked on every state (a breach is a model
 * error), under `sleepSets` with sleep sets on top. Under `allViolations`
 * the exploration goes on past the first violation, and the record's `also`
 * lists every other property's, each with its shortest trace. The runner
 * fills in id, site, path, config, known and signature.
 */
export function runSweepJob(job: SweepJob): SweepRecord {
  const t0 = performance.now();
  let model: Model<unknown, unknown>;
  let r: ExploreResult;
  let steps: string | undefined;
  try {
    model = buildMmModel(resolveScenario(job.scenario, CATALOG, { profile: job.events }));
    if (job.coverage) startStepCoverage();
    r = bfs(model, [...contractProperties(), reachSite(job.site)] as never, {
      maxSeconds: job.maxSeconds,
      // --por-check: the reduced exploration, checking on every state that the pruned steps are independent of
      // the kept ones and that chained local steps read nothing another thread writes unlocked (a ModelError).
      ...(job.porCheck ? { por: true, porCheck: true } : {}),
      // --sleep-sets: the same with sleep sets on top; the check also runs each step kept asleep against the one it commutes with
      ...(job.porCheck && job.sleepSets ? { sleepSets: true } : {}),
      ...(job.allViolations ? { allViolations: true } : {}),
    });
    // before the traces' replays run steps again
    if (job.coverage) steps = sweepStepBits();
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
    stopStepCoverage(); // (a model that could not be built ran no step)
    return { ...blank(job), status: 'model-error', seconds: (performance.now() - t0) / 1000, message };
  }
  return { ...sweepRecordOf(job, model, r), ...(steps !== undefined ? { steps } : {}) };
}

/** The record of an exploration of a sweep configuration (runSweepJob), before the runner's id, config and triage. */
export function sweepRecordOf(job: SweepJob, model: Model<unknown, unknown>, r: ExploreResult): SweepRecord {
  const reach = `reach-site-${job.site}`;
  // breadth-first: the first found is the shortest (with allViolations, each property's first is its shortest)
  const found = r.violations.filter((v) => v.kind !== 'unreachable');
  const first = found[0];
  const status = statusOf(r, first);
  const traceOf = (path: TracePath): SweepTraceStep[] | undefined => (path.path.length > 0 ? steps(readableTrace(model, path)) : undefined);
  const violation = (v: Violation): SweepViolation => {
    const t = traceOf(v.trace);
    return { property: v.kind === 'deadlock' ? 'deadlock' : v.property, known: null, signature: null, message: v.message, ...(t ? { trace: t } : {}) };
  };
  // a model error is the record's message and trace (the path to the state that raised it); the violations found
  // before it (--all-violations) are kept in `also`
  if (r.status === 'model-error') {
    const trace = traceOf(r.trace);
    const also = job.allViolations ? found.map(violation) : undefined;
    return {
      ...blank(job),
      status,
      distinctStates: r.stats.distinctStates,
      transitions: r.stats.transitions,
      seconds: Math.round(r.stats.seconds * 1000) / 1000,
      message: r.message,
      ...(trace ? { trace } : {}),
      ...(also && also.length > 0 ? { also } : {}),
    };
  }
  const trace = first === undefined ? undefined : traceOf(first.trace);
  const also = job.allViolations ? found.slice(1).map(violation) : undefined;
  return {
    ...blank(job),
    status,
    property: first === undefined ? null : first.kind === 'deadlock' ? 'deadlock' : first.property,
    distinctStates: r.stats.distinctStates,
    transitions: r.stats.transitions,
    seconds: Math.round(r.stats.seconds * 1000) / 1000,
    ...(trace ? { trace } : {}),
    ...(first ? { message: first.message } : {}),
    // A configuration that explored everything without initialising a range at its site does not test it.
    siteReached: !(status === 'ok' && r.violations.some((v) => v.property === reach)),
    ...(also ? { also } : {}),
  };
}

function blank(job: SweepJob): SweepRecord {
  return {
    id: job.scenario.name,
    site: String(job.site),
    path: '',
    config: { layout: '', subscribers: [], threads: [] },
    status: 'ok',
    property: null,
    known: null,
    signature: null,
    distinctStates: 0,
    transitions: 0,
    seconds: 0,
  };
}
