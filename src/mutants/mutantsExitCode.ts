import { EXIT } from '../engine/ExploreResult.js';
import type { MutantReport } from './runMutants.js';

/**
 * The exit code of `mnc mutants`, as `mnc check`'s: 0 when every baseline
 * passes and every mutant is killed; otherwise the worst surprise, a model
 * error (4) before a wrong verdict (1: a baseline violated, a mutant
 * explored whole and not caught) before a budget hit (3: a baseline or a
 * mutant stopped by --max-states/--max-seconds with nothing found).
 */
export function mutantsExitCode(report: MutantReport): number {
  if (report.pass) return EXIT.ok;
  const baselines = report.baselines.filter((b) => b.status !== 'ok');
  const survivors = report.mutants.filter((m) => !m.killed);
  const statuses = [...baselines.map((b) => b.status), ...survivors.map((m) => m.status)];
  if (statuses.includes('model-error')) return EXIT.modelError;
  // A baseline stopped after a violation is a wrong verdict; a mutant stopped early may yet be caught (a budget hit).
  const wrong = baselines.some((b) => !b.budgetHit) || survivors.some((m) => m.status !== 'incomplete');
  return wrong ? EXIT.violation : EXIT.incomplete;
}
