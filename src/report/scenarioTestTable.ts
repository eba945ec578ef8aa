import chalk from 'chalk';
import type { ScenarioTestResult } from '../cli/ScenarioTestResult.js';

const MARK = { pass: chalk.green('pass'), fail: chalk.red('FAIL'), error: chalk.red('ERROR') };
const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** `mnc test`'s table: one row per scenario file, then what each failure found, and a count. */
export function scenarioTestTable(rows: readonly ScenarioTestResult[]): string {
  const cells = rows.map((r) => [
    r.file,
    r.expected ?? '-',
    cut(r.result, 48),
    r.distinctStates?.toString() ?? '-',
    r.seconds !== undefined ? r.seconds.toFixed(2) : '-',
  ]);
  const head = ['scenario file', 'expected', 'result', 'states', 's'];
  const w = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((x, i) => (i >= 3 ? x.padStart(w[i]!) : x.padEnd(w[i]!))).join('  ');
  const out = [`      ${line(head)}`];
  rows.forEach((r, i) => {
    out.push(`${MARK[r.status].padEnd(5 + (MARK[r.status].length - r.status.length))} ${line(cells[i]!)}`.trimEnd());
    for (const x of r.replaced) out.push(`        replaced: ${x}`);
  });
  const bad = rows.filter((r) => r.status !== 'pass');
  if (bad.length > 0) out.push('');
  for (const r of bad) {
    const what = r.status === 'error' ? r.result : `expected ${r.expected}, got ${r.result}`;
    out.push(`${r.status === 'error' ? 'error' : 'unmet'}: ${r.file} (${r.name}): ${what}`);
    for (const v of r.violations.slice(0, 3)) out.push(`  ${v.property}: ${v.message}`);
  }
  const n = (s: ScenarioTestResult['status']) => rows.filter((r) => r.status === s).length;
  out.push(`${n('pass')} passed, ${n('fail')} failed${n('error') > 0 ? `, ${n('error')} not loaded` : ''}`);
  return out.join('\n') + '\n';
}
