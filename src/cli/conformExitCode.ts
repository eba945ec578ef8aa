import type { ConformReport } from '../conform/ConformReport.js';
import { EXIT } from '../engine/ExploreResult.js';

/**
 * The exit code of `mnc conform`: 0 when the gate passes; 3 (incomplete)
 * when every error is a model check its time budget cut off; 1 when anything
 * else fails, a check that could not run (a model error) included. The
 * report's verdict is `fail` in both cases (the gate fails closed): only the
 * exit code tells a budget from a finding.
 */
export function conformExitCode(r: ConformReport): number {
  if (r.verdict === 'pass') return EXIT.ok;
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  return errors.length > 0 && errors.every((d) => d.incomplete === true) ? EXIT.incomplete : EXIT.violation;
}
