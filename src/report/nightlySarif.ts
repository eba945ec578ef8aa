import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { isFinding, type NightlyReport } from '../nightly/NightlyReport.js';

/**
 * The nightly run as a SARIF 2.1.0 log: one result per finding (a rule per
 * violated property), at the site's file:line in the tree when one was
 * given (else its catalog file); a new finding is an error, a known one a
 * note naming its FINDINGS.md id (`baselineState: unchanged`). Results
 * carry the triage signature as `partialFingerprints["mnc/v1"]`.
 */
export function nightlySarif(n: NightlyReport, version: string): string {
  const findings = n.records.filter(isFinding);
  const ruleIds = [...new Set(findings.map((r) => r.property ?? r.status))].sort();
  const rules: ReportingDescriptor[] = ruleIds.map((id) => ({ id, shortDescription: { text: `The model violates ${id}.` } }));
  const tree = n.summary.conform?.tree ?? null;
  const results: Result[] = findings.map((r) => {
    const rule = r.property ?? r.status;
    const at = n.sites[r.site];
    const finding = r.known ? ` is known finding ${r.known}` : ' is new';
    const what =
      `site #${r.site} (${r.path}): ${rule}${finding}; ${r.config.layout}; ` +
      `subscribers ${r.config.subscribers.join(', ') || 'none'}; threads ${r.config.threads.join(' | ')}`;
    return {
      ruleId: rule,
      ruleIndex: ruleIds.indexOf(rule),
      level: r.known ? 'note' : 'error',
      message: { text: what },
      ...(r.known ? { baselineState: 'unchanged' as const } : { baselineState: 'new' as const }),
      partialFingerprints: { 'mnc/v1': r.signature ?? `${r.site}|${rule}|${r.config.subscribers.join(',')}` },
      properties: { configuration: r.id, known: r.known, status: r.status },
      ...(at
        ? {
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: at.file, ...(tree ? { uriBaseId: 'SRCROOT' } : {}) },
                  ...(at.line !== null ? { region: { startLine: at.line } } : {}),
                },
                logicalLocations: [{ name: at.function, kind: 'function' }],
              },
            ],
          }
        : {}),
    };
  });
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'mnc nightly', version, rules } },
        results,
        ...(tree ? { originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(resolve(tree)).href + '/' } } } : {}),
        properties: { exit: n.summary.exit, newFindings: n.summary.newFindings, knownFindings: [...n.summary.knownFindings] },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
