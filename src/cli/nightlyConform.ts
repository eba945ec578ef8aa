import type { ConformReport } from '../conform/ConformReport.js';
import type { NightlyConform } from '../nightly/NightlyReport.js';
import { EXIT } from '../engine/ExploreResult.js';
import { conformExitCode } from './conformExitCode.js';

/**
 * The conformance part of `mnc nightly` as its summary keeps it: a `mnc
 * conform --tree` report of `tree`, its errors as lines, `incomplete` when
 * `mnc conform` would exit 3 for it (every error a budget cut).
 */
export function nightlyConform(tree: string, r: ConformReport): NightlyConform {
  return {
    tree,
    verdict: r.verdict,
    incomplete: conformExitCode(r) === EXIT.incomplete,
    errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file ?? ''}${d.line ? `:${d.line}` : ''}: ${d.message} [${d.code}]`),
    known: r.sites.filter((s) => s.known.length > 0).map((s) => ({ site: s.catalogId ?? '?', file: s.file, line: s.line, findings: s.known })),
    unmodelled: r.unmodelled.length,
  };
}
