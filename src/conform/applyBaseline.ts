import type { ConformReport } from './ConformReport.js';
import type { Diagnostic } from './Diagnostic.js';
import { fingerprint } from './fingerprint.js';

const PREFIX = 'in the baseline: ';

/**
 * Accepts what a previous report already had, as code-scanning tools do:
 * an error whose fingerprint the baseline holds becomes a note marked
 * `baseline` (its site's message too); only new errors fail the gate.
 */
export function applyBaseline(r: ConformReport, baseline: ReadonlySet<string>): ConformReport {
  const accepted = (d: Diagnostic): boolean => d.severity === 'error' && baseline.has(fingerprint(d));
  const diagnostics = r.diagnostics.map((d): Diagnostic => (accepted(d) ? { ...d, severity: 'note', message: `${PREFIX}${d.message}`, baseline: true } : d));
  const sites = r.sites.map((s) => {
    const mine = r.diagnostics.filter((d) => d.file === s.file && d.line === s.line && accepted(d));
    if (mine.length === 0) return s;
    const was = new Set(mine.map((d) => `error: ${d.message}`));
    return { ...s, messages: s.messages.map((m) => (was.has(m) ? `note: ${PREFIX}${m.slice('error: '.length)}` : m)) };
  });
  return {
    ...r,
    sites,
    unmodelled: sites.filter((s) => s.status === 'unmodelled'),
    diagnostics,
    verdict: diagnostics.some((d) => d.severity === 'error') ? 'fail' : 'pass',
  };
}
