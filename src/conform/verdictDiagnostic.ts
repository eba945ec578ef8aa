import { CODES, type Diagnostic } from './Diagnostic.js';
import type { KnownSite, SiteVerdict } from './KnownSite.js';
import type { RangeInit } from './RangeInit.js';

/**
 * The diagnostic for the model's verdict on a found call's event and vma
 * (none when it passes). A check the budget cut off is an error: like a
 * file it could not read, the gate cannot pass what it could not check;
 * so is a check that could not run (a model error). The budget's error is
 * marked `incomplete`: alone, it makes the run incomplete (exit 3), not failed.
 */
export function verdictDiagnostic(call: RangeInit, site: KnownSite, v: SiteVerdict): Diagnostic | undefined {
  const at = { file: call.file, line: call.line };
  const what = `site ${site.id} (${site.function}) with ${call.named.event}, vma ${call.named.vma}`;
  switch (v.status) {
    case 'pass':
      return undefined;
    case 'fail':
      return { ...at, severity: 'error', code: CODES.modelViolation, message: `model: ${what}: ${v.message}` };
    case 'known':
      return { ...at, severity: 'note', code: CODES.knownFinding, message: `known finding ${v.findings.join(', ')}: model: ${what}: ${v.message}` };
    case 'skipped':
      return { ...at, severity: 'note', code: CODES.modelSkipped, message: `model check of site ${site.id} skipped: ${v.reason}` };
    case 'error':
      return {
        ...at,
        severity: 'error',
        code: CODES.modelSkipped,
        message: `model check of site ${site.id} (${site.function}) could not run: ${v.reason}; the gate cannot pass what it could not check`,
      };
    case 'unfinished':
      return {
        ...at,
        severity: 'error',
        code: CODES.modelSkipped,
        incomplete: true,
        message:
          `model check of site ${site.id} (${site.function}) not finished: scenario ${v.scenario} hit the ${v.budget.name} budget (${v.maxSeconds} s); ` +
          `the gate cannot pass what it could not check: ${v.budget.remedy}`,
      };
  }
}
