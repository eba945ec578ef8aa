import { EXIT } from '../engine/ExploreResult.js';
import type { CheckRow } from '../report/CheckRow.js';

/**
 * The exit code of `mnc check`: 0 when every verdict matches its
 * expectation; otherwise the worst surprise, model error (4) before an
 * unexpected verdict (1) before a budget hit (3).
 */
export function checkExitCode(rows: readonly CheckRow[]): number {
  const bad = rows.filter((r) => !r.matches);
  if (bad.length === 0) return EXIT.ok;
  if (bad.some((r) => r.status === 'model-error')) return EXIT.modelError;
  if (bad.some((r) => r.status !== 'incomplete')) return EXIT.violation;
  return EXIT.incomplete;
}
