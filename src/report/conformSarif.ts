import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { ConformReport } from '../conform/ConformReport.js';
import { CODES } from '../conform/Diagnostic.js';
import { sarifUri } from './sarifUri.js';
import { fingerprint } from '../conform/fingerprint.js';

const RULE_TEXT: Record<string, string> = {
  [CODES.missingSite]: 'A mmu_notifier_range_init call keeps the old API form (a site left behind).',
  [CODES.unreplacedCall]: 'A removed mmu_notifier_range_init call is not replaced by one of the new form.',
  [CODES.unmodelledSite]: "A site the model's catalog does not know.",
  [CODES.staleSite]: 'A catalog site that the scanned source no longer has.',
  [CODES.unknownEvent]: 'The event is not a known enum mmu_notifier_event enumerator.',
  [CODES.vmaNotInScope]: 'The vma passed is not a struct vm_area_struct * in scope.',
  [CODES.vmaNullInScope]: 'NULL passed as vma although a vma is in scope.',
  [CODES.headerVariant]: 'The static inline definition and the #define stub disagree with the new form.',
  [CODES.bareRange]: 'A range built or started without mmu_notifier_range_init.',
  [CODES.modelViolation]: "The model finds a counterexample with the site's event and vma.",
  [CODES.skippedFile]: 'An input file was skipped (binary, too large, unreadable).',
  [CODES.lenientInput]: 'Input read leniently (not UTF-8, or a mail-archive patch repaired).',
  [CODES.knownFinding]: "The model's counterexample with the site's event and vma is a known finding (FINDINGS.md).",
  [CODES.modelSkipped]:
    "The model could not check the site's event and vma (an error when its check was cut off by the time budget or could not run; a note when no scenario covers the site).",
  [CODES.noCatalog]: 'No site catalog was given.',
  [CODES.truncatedCall]: 'A call is cut off by the end of the visible text.',
};

/** The report as a SARIF 2.1.0 log for code-scanning UIs: one rule per diagnostic code, one result per diagnostic. */
export function conformSarif(r: ConformReport, version: string): string {
  const codes = Object.values(CODES);
  const rules: ReportingDescriptor[] = codes.map((id) => ({ id, shortDescription: { text: RULE_TEXT[id] ?? id } }));
  const results: Result[] = r.diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: codes.indexOf(d.code),
    level: d.severity,
    message: { text: d.message },
    partialFingerprints: { 'mnc/v1': fingerprint(d.baseline ? { ...d, message: d.message.replace(/^in the baseline: /, '') } : d) },
    ...(d.baseline ? { baselineState: 'unchanged' as const } : {}),
    ...(d.incomplete ? { properties: { incomplete: true } } : {}),
    ...(d.file
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: sarifUri(d.file), ...(r.input.tree ? { uriBaseId: 'SRCROOT' } : {}) },
                ...(d.line ? { region: { startLine: d.line } } : {}),
              },
            },
          ],
        }
      : {}),
  }));
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'mnc conform', version, rules } },
        results,
        ...(r.input.tree ? { originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(resolve(r.input.tree)).href + '/' } } } : {}),
        properties: { verdict: r.verdict, sites: r.sites.length, missing: r.missing.length, unmodelled: r.unmodelled.length, stale: r.stale.length },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
