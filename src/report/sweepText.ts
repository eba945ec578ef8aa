import type { SweepRecord, SweepReport } from '../sweep/SweepRecord.js';
import { reductionMode } from '../sweep/reductionMode.js';
import { hasNewViolation, newViolations } from '../sweep/triage.js';

/**
 * The text report of a sweep: one row per site (configurations, states,
 * violations known/new, configurations that never reached the site), the
 * totals, and each new finding with its shortest trace.
 */
export function sweepText(report: SweepReport): string {
  const s = report.summary;
  const bySite = new Map<string, SweepRecord[]>();
  for (const r of report.records) bySite.set(r.site, [...(bySite.get(r.site) ?? []), r]);
  const rows = [...bySite.entries()].sort((a, b) => Number(a[0]) - Number(b[0]));
  const lines = ['site  configs    states  violations (known/new)  not reached  incomplete  model errors'];
  for (const [site, rs] of rows) {
    const found = rs.filter((r) => r.status === 'violation' || r.status === 'deadlock');
    // a configuration is new when any of its violations is (its first, or one past it under --all-violations)
    const known = found.filter((r) => !hasNewViolation(r)).length;
    const cells = [
      `#${site}`.padEnd(4),
      String(rs.length).padStart(8),
      String(rs.reduce((t, r) => t + r.distinctStates, 0)).padStart(9),
      `${found.length} (${known}/${found.length - known})`.padStart(22),
      String(rs.filter((r) => r.siteReached === false).length).padStart(12),
      String(rs.filter((r) => r.status === 'incomplete').length).padStart(11),
      String(rs.filter((r) => r.status === 'model-error').length).padStart(13),
    ];
    lines.push(cells.join('  '));
  }
  const skipped = Object.entries(s.skipped)
    .map(([k, n]) => `${n} ${k}`)
    .join('; ');
  const shard = s.shard ? `, shard ${s.shard.index + 1}/${s.shard.count}` : '';
  const reduced = reductionMode(s) === 'plain' ? '' : `, ${reductionMode(s)} (reduced states)`;
  const every = s.allViolations === true ? ', --all-violations (every property per configuration)' : '';
  lines.push(
    `scope ${s.scope}, events ${s.events}${shard}${reduced}${every}: ` +
      `${s.configurations} configurations (${s.explored ?? '?'} explored, ${s.cached ?? '?'} cached)${skipped ? `, not generated: ${skipped}` : ''}`,
    `status: ${Object.entries(s.counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}; known findings reached: ${s.knownFindings.join(' ') || 'none'}; new: ${s.newFindings}`,
  );
  if (s.missingKnown.length) lines.push(`known findings in scope that no configuration reached (disappeared?): ${s.missingKnown.join(' ')}`);
  const where = (r: SweepRecord) => `  site #${r.site} by ${r.path}: ${r.config.layout}; ${r.config.subscribers.join(', ')}; ${r.config.threads.join(' vs ')}`;
  for (const r of report.records) {
    if (r.status === 'model-error') lines.push('', `MODEL ERROR ${r.id}: ${r.message ?? ''}`.trimEnd(), where(r));
    // each new violation (under --all-violations one past the first may be new)
    for (const v of newViolations(r)) {
      lines.push('', `NEW ${r.id}: ${v.property} ${v.message}`.trimEnd(), where(r));
      if (v.signature) lines.push(`  signature: ${v.signature}`);
      (v.trace ?? []).forEach((t, i) => lines.push(`  ${String(i + 1).padStart(3)}. ${t.thread} ${t.at}:${t.label}${t.change ? `  ${t.change}` : ''}`));
    }
  }
  return lines.join('\n') + '\n';
}
