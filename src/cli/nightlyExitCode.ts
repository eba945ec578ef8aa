import { EXIT } from '../engine/ExploreResult.js';
import type { SweepRecord } from '../sweep/SweepRecord.js';
import type { NightlySummary } from '../nightly/NightlyReport.js';

/**
 * The exit code of `mnc nightly` and why, from its parts' results (the
 * summary but its exit) and every record: 1 when anything fails (a new
 * finding, a known one no longer reached, a failing gate, a model error);
 * else 3 when a budget cut configurations or every error of the gate (its
 * `incomplete`, from conformExitCode); else 0.
 */
export function nightlyExitCode(s: Omit<NightlySummary, 'exit' | 'exitReason'>, records: readonly SweepRecord[]): [number, string] {
  const why: string[] = [];
  if (s.newFindings > 0) why.push(`${s.newFindings} new findings`);
  if (s.missingKnown.length > 0) why.push(`known findings no longer reached: ${s.missingKnown.join(', ')}`);
  if (s.conform?.verdict === 'fail' && !s.conform.incomplete) why.push(`the conformance gate fails (${s.conform.errors.length} errors)`);
  if (s.random && s.random.status === 'model-error') why.push('the random search hit a model error');
  const errors = records.filter((r) => r.status === 'model-error').length;
  if (errors > 0) why.push(`${errors} configurations hit a model error`);
  if (why.length > 0) return [EXIT.violation, why.join('; ')];
  const cut = records.filter((r) => r.status === 'incomplete').length;
  const budget: string[] = [];
  if (cut > 0) budget.push(`a budget cut ${cut} configurations`);
  if (s.conform?.incomplete) budget.push(`the conformance gate is incomplete: a budget cut ${s.conform.errors.length} model checks`);
  if (budget.length > 0) return [EXIT.incomplete, `nothing new, but ${budget.join('; ')}`];
  return [EXIT.ok, 'nothing new'];
}
