import { bfs } from '../engine/bfs.js';
import type { ExploreOptions } from '../engine/ExploreOptions.js';
import type { Mutant, MutantSuite } from './Mutant.js';
import type { BaselineOutcome, MutantOutcome } from './MutantOutcome.js';
import { judgeMutant } from './judgeMutant.js';

export interface MutantReport {
  readonly baselines: readonly BaselineOutcome[];
  readonly mutants: readonly MutantOutcome[];
  /** Every baseline passed and every mutant was killed by its property. */
  readonly pass: boolean;
}

/** Default budget per exploration: mutant scenarios are small. */
export const MUTANT_BUDGET: ExploreOptions = { maxStates: 200_000, maxSeconds: 60 };

/**
 * Explores each mutant breadth-first with every violation reported (so the
 * expected property is found even when another fails first, each with a
 * shortest trace), and each baseline the mutants use.
 */
export function runMutants<S, A>(
  suite: MutantSuite<S, A>,
  selected: readonly Mutant<S, A>[] = suite.mutants,
  options: ExploreOptions = MUTANT_BUDGET,
): MutantReport {
  const keys = [...new Set(selected.map((m) => m.baseline))];
  const baselines = keys.map((key) => runBaseline(suite, key, options));
  const mutants = selected.map((m) => {
    const { model, properties } = m.subject();
    return judgeMutant(m, bfs(model, properties, { ...options, allViolations: true }));
  });
  const pass = baselines.every((b) => b.status === 'ok') && mutants.every((m) => m.killed);
  return { baselines, mutants, pass };
}

function runBaseline<S, A>(suite: MutantSuite<S, A>, key: string, options: ExploreOptions): BaselineOutcome {
  const { model, properties } = suite.baseline(key);
  const r = bfs(model, properties, options);
  const problem =
    r.status === 'model-error'
      ? r.message
      : r.violations[0]
        ? `${r.violations[0].property}: ${r.violations[0].message}`
        : r.status === 'incomplete'
          ? `${r.reason} budget hit after ${r.stats.distinctStates} states, nothing found`
          : null;
  const budgetHit = r.status === 'incomplete' && r.violations.length === 0;
  return { baseline: key, status: r.status, distinctStates: r.stats.distinctStates, problem, budgetHit };
}
