import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { NightlyReport } from '../nightly/NightlyReport.js';
import { violationsOf } from '../sweep/triage.js';

/**
 * The nightly run as a SARIF 2.1.0 log: one result per finding (a rule per
 * violated property), at the site's file:line in the tree when one was
 * given (else its catalog file); a new finding is an error, a known one a
 * note naming its FINDINGS.md id (`baselineState: unchanged`). Results
 * carry the triage signature as `partialFingerprints["mnc/v1"]`. A sweep
 * with `--all-violations` gives each violation of a configuration its own
 * result (a known finding's consequence is a note naming it).
 */
export function nightlySarif(n: NightlyReport, version: string): string {
  const findings = n.records.flatMap((r) => violationsOf(r).map((v) => ({ r, v })));
  const ruleIds = [...new Set(findings.map(({ v }) => v.property))].sort();
  const rules: ReportingDescriptor[] = ruleIds.map((id) => ({ id, shortDescription: { text: `The model violates ${id}.` } }));
  const tree = n.summary.conform?.tree ?? null;
  const results: Result[] = findings.map(({ r, v }) => {
    const rule = v.property;
    const at = n.sites[r.site];
    const finding = v.known ? ` is known finding ${v.known}${v.consequence ? "'s consequence" : ''}` : ' is new';
    const what =
      `site #${r.site} (${r.path}): ${rule}${finding}; ${r.config.layout}; ` +
      `subscribers ${r.config.subscribers.join(', ') || 'none'}; threads ${r.config.threads.join(' | ')}`;
    return {
      ruleId: rule,
      ruleIndex: ruleIds.indexOf(rule),
      level: v.known ? 'note' : 'error',
      message: { text: what },
      ...(v.known ? { baselineState: 'unchanged' as const } : { baselineState: 'new' as const }),
      partialFingerprints: { 'mnc/v1': v.signature ?? `${r.site}|${rule}|${r.config.subscribers.join(',')}` },
      properties: { configuration: r.id, known: v.known, status: r.status, ...(v.consequence ? { consequence: true } : {}) },
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
