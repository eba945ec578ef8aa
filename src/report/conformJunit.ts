import type { ConformReport } from '../conform/ConformReport.js';
import { xmlEscape as x } from './xmlEscape.js';

interface Case {
  readonly classname: string;
  readonly name: string;
  readonly failure?: { readonly type: string; readonly message: string; readonly body: string };
}

/**
 * The report as JUnit XML for CI dashboards: one test case per site (fails
 * unless its status is ok or known, or a baseline accepted its errors), one per missing or stale catalog site, and one
 * for the file-level checks (header variants, bare ranges).
 */
export function conformJunit(r: ConformReport): string {
  const cases: Case[] = r.sites.map((s) => {
    const errors = s.messages.filter((m) => m.startsWith('error'));
    const accepted = errors.length === 0 && s.messages.some((m) => m.startsWith('note: in the baseline: '));
    const fails = s.status !== 'ok' && s.status !== 'known' && !accepted;
    return {
      classname: s.file,
      name: `${s.function ?? '(file scope)'}:${s.line}`,
      ...(fails
        ? { failure: { type: s.status, message: errors[0] ?? s.status, body: [...s.messages, ...(s.counterexample ? [s.counterexample] : [])].join('\n') } }
        : {}),
    };
  });
  const siteKeys = new Set(r.sites.map((s) => `${s.file}:${s.line}`));
  for (const m of r.missing.filter((m) => !siteKeys.has(`${m.file}:${m.line}`))) {
    cases.push({
      classname: m.file,
      name: `${m.function ?? '(unknown)'}${m.catalogId ? ` (catalog ${m.catalogId})` : ''}`,
      failure: { type: 'missing', message: m.reason, body: m.reason },
    });
  }
  for (const s of r.stale) cases.push({ classname: s.file, name: `${s.function} (catalog ${s.catalogId}, stale)` });
  const other = r.diagnostics.filter((d) => d.severity === 'error' && !siteKeys.has(`${d.file}:${d.line}`) && d.code !== 'missing-site');
  cases.push({
    classname: 'mnc.conform',
    name: 'file-level checks',
    ...(other.length > 0
      ? {
          failure: {
            type: 'error',
            message: other[0]!.message,
            body: other.map((d) => `${d.file ?? ''}${d.line ? `:${d.line}` : ''}: ${d.message}`).join('\n'),
          },
        }
      : {}),
  });
  const failures = cases.filter((c) => c.failure).length;
  const body = cases
    .map((c) => {
      const open = `    <testcase classname="${x(c.classname)}" name="${x(c.name)}" time="0"`;
      if (!c.failure) return `${open}/>`;
      return `${open}>\n      <failure type="${x(c.failure.type)}" message="${x(c.failure.message)}">${x(c.failure.body)}</failure>\n    </testcase>`;
    })
    .join('\n');
  const secs = r.stats.seconds.toFixed(3);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="mnc conform" tests="${cases.length}" failures="${failures}" errors="0" time="${secs}">\n` +
    `  <testsuite name="mnc conform" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${secs}">\n` +
    `${body}\n  </testsuite>\n</testsuites>\n`
  );
}
