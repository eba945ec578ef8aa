import type { ConformReport } from '../conform/ConformReport.js';

/** The JSON report: `sites` (file, line, function, event, vma, status, ...), `missing`, `unmodelled`, `stale`, `diagnostics`, `verdict`. */
export function conformJson(r: ConformReport): string {
  return JSON.stringify(r, null, 2) + '\n';
}
