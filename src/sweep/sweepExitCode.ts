import type { SweepSummary } from './SweepRecord.js';

/** 1: something new (a new violation or deadlock, a model error) or a known finding disappeared; else 3: a budget cut a job; else 0. */
export function sweepExitCode(s: SweepSummary): number {
  if (s.newFindings > 0 || s.counts['model-error'] > 0 || s.missingKnown.length > 0) return 1;
  if (s.counts.incomplete > 0) return 3;
  return 0;
}

/** Why the exit code is what it is, one line (empty when 0). */
export function sweepExitReason(s: SweepSummary): string {
  const parts: string[] = [];
  if (s.newFindings > 0) parts.push(`${s.newFindings} new violation(s)`);
  if (s.counts['model-error'] > 0) parts.push(`${s.counts['model-error']} model error(s)`);
  if (s.missingKnown.length > 0) parts.push(`known finding(s) no longer reached: ${s.missingKnown.join(', ')}`);
  if (parts.length === 0 && s.counts.incomplete > 0) parts.push(`${s.counts.incomplete} configuration(s) cut by the budget`);
  return parts.join('; ');
}
