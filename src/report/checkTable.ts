import chalk from 'chalk';
import type { CheckRow } from './CheckRow.js';

function verdict(r: CheckRow): string {
  if (r.status === 'violation') return `violation (${r.violations.map((v) => v.property).join(', ')})`;
  return r.status;
}

/** The `mnc check` table: site, scenario, mirror, verdict, expectation, states, time; then a one-line total. */
export function checkTable(rows: readonly CheckRow[], profile: string): string {
  const head = ['site', 'scenario', 'mirror', 'verdict', 'expected', 'states', 'time'];
  const body = rows.map((r) => [
    `#${r.site}`,
    r.scenario,
    r.mirror || '-',
    verdict(r),
    r.expected === 'violation' && r.matches ? 'known finding' : r.expected,
    String(r.distinctStates),
    `${r.seconds.toFixed(2)}s`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  const out = [chalk.bold(line(head))];
  rows.forEach((r, i) => {
    const text = line(body[i]!);
    out.push(r.matches ? text : chalk.red(text + '  <- unexpected'));
  });
  const bad = rows.filter((r) => !r.matches).length;
  const findings = rows.filter((r) => r.matches && r.expected === 'violation').length;
  out.push(
    `${rows.length} scenarios (events: ${profile}): ${rows.length - bad} as expected${findings ? ` (${findings} known findings, see FINDINGS.md)` : ''}, ${bad} unexpected`,
  );
  return out.join('\n');
}
