import fc from 'fast-check';
import type { Model } from '../engine/Model.js';
import type { Property } from '../engine/Property.js';
import { PropertyChecker } from '../engine/PropertyChecker.js';
import { minimiseViolation } from '../shrink/minimiseTrace.js';
import { toNamedSteps } from '../replay/NamedStep.js';
import type { Schedule, StrategyName } from './Schedule.js';
import { scheduleArbitrary } from './scheduleArbitrary.js';
import { runSchedule, type RunOutcome } from './runSchedule.js';
import type { RandomResult } from './RandomResult.js';
import type { Violation } from '../engine/ExploreResult.js';

export interface RandomTarget<S, A> {
  readonly model: Model<S, A>;
  readonly properties: readonly Property<S, A>[];
}

/** A family of targets whose parameters fast-check draws and shrinks with the schedule. */
export interface ScenarioSpace<P, S, A> {
  readonly arbitrary: fc.Arbitrary<P>;
  build(params: P): RandomTarget<S, A>;
  /**
   * Names a violation a known finding (its id), or undefined when it is new:
   * a known one is counted and the search goes on past it.
   */
  triage?(params: P, violation: Violation): string | undefined;
}

export interface RandomOptions {
  readonly strategy: StrategyName;
  readonly seed: number;
  readonly runs: number;
  /** Most steps of a run. */
  readonly depth: number;
  /** PCT's d (default 3). */
  readonly pctDepth?: number;
  /**
   * PCT's k, the length of a run, where change points fall (default: the
   * length of the run that always takes the first action, per target).
   */
  readonly pctSteps?: number;
  /** A fast-check path (from an earlier result) to replay with the same seed: that counterexample, not shrunk further. */
  readonly path?: string;
  /** Shrink through fast-check (default true). */
  readonly shrink?: boolean;
  /** Most runs fast-check may spend shrinking (default 500); the minimiser does the rest. */
  readonly shrinkRuns?: number;
  /** Minimise the trace by delta debugging afterwards (default true). */
  readonly minimise?: boolean;
  /** Stop starting new runs (or shrinking) after this many seconds, fractions allowed (fast-check gets whole milliseconds, at least 1): `interrupted` in the result. */
  readonly maxSeconds?: number;
}

const MODEL_ERROR = '(model error)';

/** Random exploration of one target. */
export function randomCheck<S, A>(target: RandomTarget<S, A>, options: RandomOptions): RandomResult<undefined> {
  const pctSteps = options.pctSteps ?? (options.strategy === 'pct' ? probeLength(target.model, options.depth) : undefined);
  return randomCheckSpace({ arbitrary: fc.constant(undefined), build: () => target }, { ...options, pctSteps });
}

/**
 * Random exploration with fast-check: each run draws scenario parameters and
 * a schedule; the first failing run fixes the property, and fast-check then
 * shrinks towards inputs that violate that same property in no more steps
 * than the last failure it kept, within a budget of runs (`shrinkRuns`); the
 * delta-debugging minimiser then does the rest. With a `triage`, runs that
 * violate a known finding are counted (`known`) and the search goes on.
 */
export function randomCheckSpace<P, S, A>(space: ScenarioSpace<P, S, A>, options: RandomOptions): RandomResult<P> {
  const start = performance.now();
  const pct = options.strategy === 'pct';
  const built = memoLast((p: P) => {
    const t = space.build(p);
    const pctSteps = options.pctSteps ?? (pct ? probeLength(t.model, options.depth) : Infinity);
    return { ...t, checker: new PropertyChecker<S, A>(t.properties), pctSteps };
  });
  const run = (p: P, s: Schedule, depth = options.depth): RunOutcome => {
    const t = built(p);
    return runSchedule(t.model, t.checker, s, depth, t.pctSteps);
  };
  let transitions = 0;
  let runs = 0;
  const known: Record<string, number> = {};
  let target: string | undefined;
  let bound = Infinity;
  let found: { length: number; seconds: number } | undefined;
  // Replaying a path gives back that very counterexample: no shrinking past it.
  let shrinkRuns = options.path !== undefined ? 0 : (options.shrinkRuns ?? 500);
  const { depth, pctDepth, pctSteps } = options;
  const schedule = scheduleArbitrary(options.strategy, { depth, pctDepth, pctSteps });
  const property = fc.property(space.arbitrary, schedule, (p, s) => {
    if (found !== undefined && shrinkRuns-- <= 0) return true; // shrinking budget spent
    // While shrinking, a run longer than the last failure cannot count: cut it there.
    const out = run(p, s, Math.min(options.depth, bound));
    const length = out.status === 'violation' ? out.violation.trace.path.length : out.trace.path.length;
    transitions += length;
    if (found === undefined) runs++;
    if (out.status === 'ok') return true;
    const id = out.status === 'violation' && space.triage ? space.triage(p, out.violation) : undefined;
    if (id !== undefined) {
      if (found === undefined) known[id] = (known[id] ?? 0) + 1;
      return true; // a known finding: counted, and the search (or the shrinking of a new one) goes past it
    }
    const name = out.status === 'violation' ? out.violation.property : MODEL_ERROR;
    if (target === undefined) {
      target = name;
      found = { length, seconds: (performance.now() - start) / 1000 };
    } else if (name !== target || length > bound) {
      return true; // while shrinking: only the same property, in no more steps, counts
    }
    bound = length;
    return false;
  });
  const details = fc.check<[P, Schedule]>(property, {
    seed: options.seed,
    numRuns: options.runs,
    ...(options.path !== undefined ? { path: options.path } : {}),
    endOnFailure: options.shrink === false,
    ...(options.maxSeconds !== undefined
      ? { plugins: [fc.interruptAfterTimeLimit(Math.max(1, Math.ceil(options.maxSeconds * 1000))) as fc.Plugin<[P, Schedule]>] }
      : {}),
  });
  const info = { strategy: options.strategy, seed: options.seed, runs, transitions, interrupted: details.interrupted, known };
  const seconds = () => (performance.now() - start) / 1000;
  if (!details.failed || details.counterexample === null) return { ...info, status: 'ok', seconds: seconds() };
  if (found === undefined) throw details.errorInstance; // the model threw something other than a ModelError
  const [params, sched] = details.counterexample;
  const out = run(params, sched);
  const path = details.counterexamplePath ?? '';
  if (out.status === 'ok') throw new Error(`${built(params).model.name}: shrunk counterexample does not replay (non-deterministic model?)`);
  if (out.status === 'model-error')
    return {
      ...info,
      status: 'model-error',
      path,
      params,
      message: out.message,
      trace: out.trace,
      ...(out.action !== undefined ? { action: out.action } : {}),
      seconds: seconds(),
    };
  const t = built(params);
  const violation = options.minimise === false ? out.violation : minimiseViolation(t.model, t.properties, out.violation);
  return {
    ...info,
    status: 'violation',
    path,
    shrinks: details.numShrinks,
    params,
    violation,
    steps: toNamedSteps(t.model, violation.trace),
    lengths: { found: found.length, shrunk: out.violation.trace.path.length, minimised: violation.trace.path.length },
    secondsToFind: found.seconds,
    seconds: seconds(),
  };
}

/** Steps (at least 1) of the run that always takes the first enabled action, no property checked. */
function probeLength<S, A>(model: Model<S, A>, depth: number): number {
  const out = runSchedule(model, new PropertyChecker<S, A>([]), { strategy: 'uniform', init: 0, choices: [] }, depth);
  return Math.max(1, out.status === 'violation' ? out.violation.trace.path.length : out.trace.path.length);
}

function memoLast<P, T>(f: (p: P) => T): (p: P) => T {
  let last: { p: P; t: T } | undefined;
  return (p) => {
    if (last === undefined || !Object.is(last.p, p)) last = { p, t: f(p) };
    return last.t;
  };
}
