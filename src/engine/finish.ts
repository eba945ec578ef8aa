import type { ExploreResult, IncompleteReason, Violation } from './ExploreResult.js';
import type { PropertyChecker } from './PropertyChecker.js';
import type { RunClock } from './RunClock.js';

/**
 * How a run ended: `complete` (the whole space was seen: unmet reachability
 * guards become violations), `stopped` (at a violation), or a budget.
 */
export type Ending = 'complete' | 'stopped' | IncompleteReason;

export function finish<S, A>(
  clock: RunClock,
  raw: { distinctStates: number; transitions: number; maxDepth: number; bytes: number },
  violations: Violation[],
  ending: Ending,
  checker: PropertyChecker<S, A>,
): ExploreResult {
  const stats = clock.stats(raw);
  if (ending === 'complete') {
    for (const f of checker.unreached()) violations.push({ ...f, trace: { init: 0, path: [] } });
  }
  if (ending !== 'complete' && ending !== 'stopped') return { status: 'incomplete', reason: ending, stats, violations };
  if (violations.length > 0) return { status: 'violation', stats, violations };
  return { status: 'ok', stats, violations: [] };
}
