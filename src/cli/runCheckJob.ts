import type { CheckJob, CheckOutcome } from './CheckJob.js';
import { siteChecks } from './siteChecks.js';
import { matchesExpected } from './matchesExpected.js';
import { bfs } from '../engine/bfs.js';
import { readableTrace } from '../report/TraceStep.js';
import { startStepCoverage, takeStepCoverage, type CoveredStep } from '../../model/mm/step/stepCoverage.js';
import type { ExploreResult } from '../engine/ExploreResult.js';

/** Runs one `mnc check` job (in a worker or in-process): rebuilds the scenario, explores it exhaustively. */
export function runCheckJob(job: CheckJob): CheckOutcome {
  const found = siteChecks({
    profile: job.profile,
    sites: [job.site],
    scenario: job.scenario,
    overrides: job.overrides,
    ...(job.mutant !== undefined ? { mutant: job.mutant } : {}),
  });
  if (found.length !== 1) throw new Error(`check job: ${found.length} site scenarios named ${job.scenario} at site #${job.site}`);
  const c = found[0]!;
  const built = c.build();
  if (job.coverage) startStepCoverage();
  let r: ExploreResult;
  let coverage: CoveredStep[] | undefined;
  try {
    r = bfs(built.model, built.properties, {
      maxSeconds: job.maxSeconds,
      ...(job.por ? { por: true } : {}),
      ...(job.sleepSets ? { sleepSets: true } : {}),
      ...(job.allViolations ? { allViolations: true } : {}),
    });
  } finally {
    // taken before the traces' replays run steps again, and off again whatever the exploration threw
    if (job.coverage) coverage = takeStepCoverage(c.registry);
  }
  const matches = matchesExpected(c.expected, c.expectedProperty, r);
  const wantTraces = job.traces || !matches;
  return {
    row: {
      site: c.site,
      scenario: c.scenario.name,
      mirror: c.mirrors.join('+'),
      status: r.status,
      expected: c.expected,
      ...(c.expectedProperty ? { expectedProperty: c.expectedProperty } : {}),
      matches,
      distinctStates: r.stats.distinctStates,
      seconds: r.stats.seconds,
      violations: r.violations.map((v) => ({ property: v.property, kind: v.kind, message: v.message, length: v.trace.path.length })),
      ...(r.status === 'model-error' ? { modelError: r.message } : {}),
    },
    violations: r.violations,
    traces: r.violations.map((v) => (wantTraces && v.trace.path.length ? readableTrace(built.model, v.trace) : undefined)),
    ...(coverage ? { coverage } : {}),
  };
}
