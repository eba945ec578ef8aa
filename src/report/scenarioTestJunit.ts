import type { ScenarioTestResult } from '../cli/ScenarioTestResult.js';
import { xmlEscape as x } from './xmlEscape.js';

/** `mnc test --junit FILE`: one test case per scenario file; an unmet expectation is a failure, a file that does not load an error. */
export function scenarioTestJunit(rows: readonly ScenarioTestResult[]): string {
  const failures = rows.filter((r) => r.status === 'fail').length;
  const errors = rows.filter((r) => r.status === 'error').length;
  const secs = rows.reduce((t, r) => t + (r.seconds ?? 0), 0).toFixed(3);
  const body = rows
    .map((r) => {
      const open = `    <testcase classname="${x(r.file)}" name="${x(r.name)}" time="${(r.seconds ?? 0).toFixed(3)}"`;
      if (r.status === 'pass') return `${open}/>`;
      const detail = [...r.replaced.map((l) => `replaced: ${l}`), ...r.violations.map((v) => `${v.property}: ${v.message}`)].join('\n');
      const tag = r.status === 'error' ? 'error' : 'failure';
      const message = r.status === 'error' ? r.result : `expected ${r.expected}, got ${r.result}`;
      return `${open}>\n      <${tag} type="${r.status === 'error' ? 'bad-scenario' : 'unmet-expectation'}" message="${x(message)}">${x(detail)}</${tag}>\n    </testcase>`;
    })
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="mnc test" tests="${rows.length}" failures="${failures}" errors="${errors}" time="${secs}">\n` +
    `  <testsuite name="mnc test" tests="${rows.length}" failures="${failures}" errors="${errors}" skipped="0" time="${secs}">\n` +
    `${body}\n  </testsuite>\n</testsuites>\n`
  );
}
