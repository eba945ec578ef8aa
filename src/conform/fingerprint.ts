import type { Diagnostic } from './Diagnostic.js';

/**
 * A diagnostic's identity across runs, as code-scanning baselines use:
 * its code, file and message, not its line (a patch moves lines). SARIF
 * carries it as `partialFingerprints["mnc/v1"]`.
 */
export function fingerprint(d: Pick<Diagnostic, 'code' | 'file' | 'message'>): string {
  return `${d.code}|${d.file ?? ''}|${d.message}`;
}
