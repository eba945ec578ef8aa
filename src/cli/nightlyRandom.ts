/**
 * The random part of `mnc nightly`: drawn mm scenarios (mm-random, swarm)
 * under the run's event profile, going on past known findings for a time
 * budget; a new violation becomes a record (path `random`) with its
 * readable trace.
 */
import { randomCheckSpace } from '../random/randomCheck.js';
import type { Violation } from '../engine/ExploreResult.js';
import type { SweepRecord, SweepTraceStep } from '../sweep/SweepRecord.js';
import type { NightlyRandom } from '../nightly/NightlyReport.js';
import { readableTrace } from '../report/TraceStep.js';
import { changeText } from '../report/formatTrace.js';
import { findScenario } from './scenarios.js';
import { parseSets } from './parseSets.js';
import { observedOf, triageViolation } from './triageViolation.js';
import type { Built } from './ScenarioEntry.js';
import type { EventProfile } from '../../model/sites/catalog.js';

/** A readable trace as sequence-chart steps: thread, label, where, and the state change (thread pcs left out). */
export function chartSteps(built: Built, v: Violation): SweepTraceStep[] {
  return readableTrace(built.model, v.trace).steps.map((s) => {
    const [at, label] = s.label.includes(':') ? [s.label.slice(0, s.label.lastIndexOf(':')), s.label.slice(s.label.lastIndexOf(':') + 1)] : ['', s.label];
    const change = Object.entries(s.changes)
      .filter(([k]) => !k.endsWith('.pc'))
      .map(([k, [a, b]]) => changeText(k, a, b, 200))
      .join('\n');
    return { thread: s.thread, label: s.brief ?? label, at, change };
  });
}

export function nightlyRandom(seed: number, seconds: number, events: EventProfile, runs?: number): { random: NightlyRandom; records: SweepRecord[] } {
  const entry = findScenario('mm-random');
  const space = entry.space!({ params: parseSets(entry.name, entry.params, []), mm: { events, overrides: [] } });
  const r = randomCheckSpace<unknown, unknown, unknown>(
    { arbitrary: space.arbitrary, build: (d) => space.build(d), triage: (d, v) => triageViolation(space.build(d), v) },
    { strategy: 'swarm', seed, runs: runs ?? 1e9, depth: 500, maxSeconds: seconds },
  );
  const random: NightlyRandom = { seed, strategy: 'swarm', seconds: r.seconds, runs: r.runs, status: r.status, known: r.known, interrupted: r.interrupted };
  if (r.status !== 'violation') return { random, records: [] };
  const built = space.build(r.params);
  const o = observedOf(built, r.violation);
  const scenario = built.scenario as { description?: string; threads?: { name: string; op: string }[] } | undefined;
  const record: SweepRecord = {
    id: `random-${seed}-${r.path.replace(/:/g, '.')}`,
    site: o.sites[0] ?? '?',
    path: 'random',
    config: {
      layout: scenario?.description ?? 'drawn scenario',
      subscribers: [...o.mirrors],
      threads: (scenario?.threads ?? []).map((t) => `${t.name}: ${t.op}`),
    },
    status: r.violation.kind === 'deadlock' ? 'deadlock' : 'violation',
    property: o.property,
    known: null,
    signature: `${o.sites.join(',')}|${o.property}|${o.mirrors.join(',')}|random`,
    distinctStates: 0,
    transitions: r.transitions,
    seconds: r.seconds,
    trace: chartSteps(built, r.violation),
  };
  return { random, records: [record] };
}
