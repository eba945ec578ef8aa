import type { SweepRecord, SweepTraceStep } from '../sweep/SweepRecord.js';
import { isFinding, type NightlyReport } from '../nightly/NightlyReport.js';
import { hasNewViolation, newViolations, violationsOf } from '../sweep/triage.js';
import { xmlEscape as x } from './xmlEscape.js';

const traceText = (t: readonly SweepTraceStep[] | undefined): string =>
  (t ?? []).map((s, i) => `${i + 1}. ${s.thread} ${s.label}${s.change ? `  ${s.change}` : ''}`).join('\n');

/**
 * A record's verdict as a test: a new finding (its first violation, or one
 * past it under --all-violations) or a model error fails, an incomplete run
 * is skipped, a known finding passes (named).
 */
function testCase(r: SweepRecord): string {
  const name = `#${r.site} ${r.path} ${r.id}`;
  const open = `    <testcase classname="${x(`mnc.site${r.site}`)}" name="${x(name)}" time="${r.seconds.toFixed(3)}"`;
  const what = `${r.config.layout}; subscribers ${r.config.subscribers.join(', ') || 'none'}; threads ${r.config.threads.join(' | ')}`;
  if (r.status === 'model-error') {
    return `${open}>\n      <failure type="model-error" message="model error">${x(`${what}\n${r.message ?? ''}`)}</failure>\n    </testcase>`;
  }
  if (hasNewViolation(r)) {
    const fresh = newViolations(r);
    const message = `new finding: ${fresh.map((v) => v.property).join(', ')}`;
    const body = fresh.map((v) => `${v.signature ?? ''}\n${traceText(v.trace)}`).join('\n\n');
    return `${open}>\n      <failure type="${x(r.status)}" message="${x(message)}">${x(`${what}\n${body}`)}</failure>\n    </testcase>`;
  }
  if (r.status === 'incomplete') return `${open}>\n      <skipped message="${x('a budget cut the exploration')}"/>\n    </testcase>`;
  if (isFinding(r)) {
    const known = violationsOf(r).map((v) => `known finding ${v.known}${v.consequence ? ' (its consequence)' : ''}: ${v.property}`);
    return `${open}>\n      <system-out>${x(`${known.join('\n')}\n${what}`)}</system-out>\n    </testcase>`;
  }
  return `${open}/>`;
}

/**
 * The nightly run as JUnit XML: one test suite of the configurations (one
 * test case each, counts as in summary.json), and one case per other part
 * (conformance, random search).
 */
export function nightlyJunit(n: NightlyReport): string {
  const s = n.summary;
  const cases = n.records.map(testCase);
  const failures = n.records.filter((r) => hasNewViolation(r) || r.status === 'model-error').length;
  const skipped = n.records.filter((r) => r.status === 'incomplete').length;
  const other: string[] = [];
  let otherFailures = 0;
  let otherSkipped = 0;
  if (s.conform) {
    // a gate whose only errors are budget cuts is skipped, as a configuration a budget cut is
    const fail = s.conform.verdict === 'fail' && !s.conform.incomplete;
    otherFailures += fail ? 1 : 0;
    otherSkipped += s.conform.incomplete ? 1 : 0;
    const body = [...s.conform.errors, ...s.conform.known.map((k) => `${k.file}:${k.line}: known finding ${k.findings.join(', ')} (site ${k.site})`)].join(
      '\n',
    );
    const open = `    <testcase classname="mnc.nightly" name="conform ${x(s.conform.tree)}" time="0"`;
    const inner = fail
      ? `<failure type="conform" message="${x(`${s.conform.errors.length} errors`)}">${x(body)}</failure>`
      : `${s.conform.incomplete ? `<skipped message="${x(`incomplete: a budget cut ${s.conform.errors.length} model checks`)}"/>` : ''}<system-out>${x(body)}</system-out>`;
    other.push(`${open}>\n      ${inner}\n    </testcase>`);
  }
  if (s.random) {
    const r = s.random;
    const known =
      Object.entries(r.known)
        .map(([id, k]) => `${id} x${k}`)
        .join(', ') || 'none';
    const fail = r.status !== 'ok';
    otherFailures += fail ? 1 : 0;
    const open = `    <testcase classname="mnc.nightly" name="random search (seed ${r.seed})" time="${r.seconds.toFixed(3)}"`;
    const inner = fail
      ? `<failure type="${x(r.status)}" message="${x(r.status)}">${x(`known findings gone past: ${known}`)}</failure>`
      : `<system-out>${x(`${r.runs} runs; known findings gone past: ${known}`)}</system-out>`;
    other.push(`${open}>\n      ${inner}\n    </testcase>`);
  }
  const secs = s.seconds.toFixed(3);
  const suite = (name: string, body: string[], tests: number, f: number, sk: number) =>
    `  <testsuite name="${x(name)}" tests="${tests}" failures="${f}" errors="0" skipped="${sk}" time="${secs}">\n${body.join('\n')}${body.length ? '\n' : ''}  </testsuite>\n`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="mnc nightly" tests="${cases.length + other.length}" failures="${failures + otherFailures}" errors="0" time="${secs}">\n` +
    suite('mnc nightly: configurations', cases, cases.length, failures, skipped) +
    suite('mnc nightly: gate and search', other, other.length, otherFailures, otherSkipped) +
    `</testsuites>\n`
  );
}
