import type { MutantReport } from './runMutants.js';

/** The `mnc mutants` table: one line per baseline and per mutant. */
export function formatMutantReport(report: MutantReport): string {
  const lines: string[] = [];
  for (const b of report.baselines) {
    const verdict = b.status === 'ok' ? 'passes' : `FAILS (${b.status}: ${b.problem ?? ''})`;
    lines.push(`baseline ${b.baseline}: ${verdict}, ${b.distinctStates} states`);
  }
  const w = Math.max(2, ...report.mutants.map((m) => m.id.length));
  for (const m of report.mutants) {
    const how = m.killed
      ? `killed by ${m.property} (${m.kind === 'unreachable' ? 'vacuous: no state shows it' : `${m.length} steps`}, ${m.distinctStates} states)`
      : `SURVIVED (expected ${m.expected}; got ${m.status}${m.property ? ` ${m.property}` : ''}${m.message && m.status === 'model-error' ? `: ${m.message}` : ''})`;
    lines.push(`${m.id.padEnd(w)}  ${how}  ${m.description}`);
  }
  const killed = report.mutants.filter((m) => m.killed).length;
  const baselines = report.baselines.every((b) => b.status === 'ok')
    ? 'pass'
    : report.baselines.every((b) => b.status === 'ok' || b.budgetHit)
      ? 'incomplete (a budget was hit: raise --max-states or --max-seconds)'
      : 'FAIL';
  lines.push(`${killed}/${report.mutants.length} mutants killed; baselines ${baselines}`);
  return lines.join('\n');
}
