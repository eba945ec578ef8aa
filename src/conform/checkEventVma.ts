import { CODES, type Diagnostic } from './Diagnostic.js';
import type { RangeInit } from './RangeInit.js';

const NULLS = new Set(['NULL', '0', '(void *)0']);

/**
 * The checks on one call's event and vma: the event is a known enumerator;
 * a NULL vma where a vma was in scope (a `struct vm_area_struct *` param or
 * local, the seed's spatch rules, or `X` when mm is `X->vm_mm`) is a note;
 * a vma that is not in scope is an error (only when the whole function was
 * seen). `scopeHint` adds the catalog's record of the vmas in scope.
 */
export function checkEventVma(r: RangeInit, known: readonly string[], scopeHint: readonly string[] = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = { file: r.file, line: r.line };
  const where = r.function ? ` in ${r.function}()` : '';
  const event = r.named.event;
  if (event !== undefined && r.kind === 'call') {
    const ids = [...event.matchAll(/\bMMU_NOTIFY_\w+/g)].map((m) => m[0]);
    if (ids.length === 0) {
      out.push({ ...at, severity: 'warning', code: CODES.unknownEvent, message: `event \`${event}\`${where} is not an enum mmu_notifier_event constant` });
    }
    for (const id of ids.filter((x) => !known.includes(x))) {
      out.push({ ...at, severity: 'error', code: CODES.unknownEvent, message: `event \`${id}\`${where} is not a known enumerator of enum mmu_notifier_event` });
    }
  }
  const vma = r.named.vma?.trim();
  if (vma === undefined || r.kind !== 'call') return out;
  if (NULLS.has(vma)) {
    const scope = [...new Set([...r.vmaInScope, ...scopeHint])];
    const viaMm = /^(.+)->vm_mm$/.exec(r.named.mm ?? '')?.[1];
    if (scope.length > 0) {
      out.push({
        ...at,
        severity: 'note',
        code: CODES.vmaNullInScope,
        message: `NULL passed as vma${where} although \`${scope.join('`, `')}\` (struct vm_area_struct *) is in scope`,
      });
    } else if (viaMm) {
      out.push({
        ...at,
        severity: 'note',
        code: CODES.vmaNullInScope,
        message: `NULL passed as vma${where} although \`${viaMm}\` is a vma here (mm is \`${r.named.mm}\`)`,
      });
    }
    return out;
  }
  if (/^\w+$/.test(vma)) {
    if (r.vmaInScope.includes(vma) || scopeHint.includes(vma)) return out;
    if (r.namesInScope.includes(vma)) {
      out.push({
        ...at,
        severity: 'error',
        code: CODES.vmaNotInScope,
        message: `vma passed${where} is \`${vma}\`, which is not a struct vm_area_struct * in scope`,
      });
    } else if (r.scopeComplete) {
      out.push({ ...at, severity: 'error', code: CODES.vmaNotInScope, message: `vma passed${where} is \`${vma}\`, which is not in scope` });
    } else if (scopeHint.length > 0) {
      // A patch shows only part of the function; the catalog knows its vmas (and the hunk declares none of this name).
      out.push({
        ...at,
        severity: 'error',
        code: CODES.vmaNotInScope,
        message: `vma passed${where} is \`${vma}\`, which is not a vma in scope (the catalog's vmas in scope: \`${scopeHint.join('`, `')}\`)`,
      });
    }
    return out;
  }
  const root = /^\(?\s*\*?\s*(\w+)/.exec(vma)?.[1];
  if (root && r.scopeComplete && !r.namesInScope.includes(root) && root !== 'current') {
    out.push({ ...at, severity: 'error', code: CODES.vmaNotInScope, message: `vma passed${where} is \`${vma}\`, but \`${root}\` is not in scope` });
  }
  return out;
}
