/**
 * Which steps of the model's programs a run executed: SPIN's "unreached in
 * proctype", TLC's coverage, for the kernel code the programs model (each
 * step cites its `file:function`). A step no run executes is kernel code
 * the model has but no scenario reaches (an error path, a retry, a lock
 * that is never contended), or a step nothing can reach: either is worth
 * knowing before trusting a green run.
 *
 * Off unless asked (`mnc check --coverage`, `mnc sweep --coverage`):
 * runStep.ts then notes every step it runs, the chained local steps
 * included, and the step of a walk of a torn-down mm (reached, though the
 * model does not follow it).
 */
import type { Step } from './Program.js';
import type { ProgramRegistry } from './ProgramRegistry.js';

/** A step of a program, and whether a run executed it. */
export interface CoveredStep {
  readonly prog: string;
  readonly label: string;
  /** The kernel `file:function` the step models. */
  readonly at: string;
  readonly run: boolean;
}

/**
 * The steps run since startStepCoverage; undefined while coverage is off
 * (runStep.ts reads `run` once per step it runs).
 */
export const COVERAGE: { run: Set<Step> | undefined } = { run: undefined };

/** Starts noting the steps run (forgetting any noted before). */
export function startStepCoverage(): void {
  COVERAGE.run = new Set();
}

/** Stops noting steps, forgetting those noted. */
export function stopStepCoverage(): void {
  COVERAGE.run = undefined;
}

/**
 * Every step of `reg`'s programs (in the registry's order, each program's
 * in its own: the same list for every model of one registry's programs),
 * whether it ran since startStepCoverage; coverage is off again.
 */
export function takeStepCoverage(reg: ProgramRegistry): CoveredStep[] {
  const run = COVERAGE.run ?? new Set<Step>();
  COVERAGE.run = undefined;
  return stepsOf(reg, run);
}

/** Every step of `reg`'s programs in takeStepCoverage's order, run when in `run` (none by default). */
export function stepsOf(reg: ProgramRegistry, run: ReadonlySet<Step> = new Set()): CoveredStep[] {
  return reg.names().flatMap((name) => reg.get(name).steps.map((s) => ({ prog: name, label: s.label, at: s.at, run: run.has(s) })));
}
