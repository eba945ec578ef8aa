/**
 * Resolves a site's vma *expression* (as written in the kernel source:
 * `vma`, `vmf->vma`, `new_vma`, `migrate->vma`, `NULL`) to the vma id it
 * denotes in the site's scope. The scope is the site function's frame: its
 * locals are named after the C expressions they model: `vmf->vma` is the
 * local `vmf->vma` of an untyped program, or `vmf_vma` of a typed one (`->`
 * and `.` written `_`). `NULL` (or `null`/`0`) is the null vma. An expression that
 * names nothing in scope is a ModelError (the site config is wrong).
 */
import { ModelError } from '../../../src/engine/Model.js';
import type { Locals } from '../MmState.js';

export function resolveVma(expr: string, scope: Locals, where: string): number | null {
  const e = expr.trim();
  if (e === 'NULL' || e === 'null' || e === '0') return null;
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(scope, k);
  const key = has(e) ? e : e.replace(/->|\./g, '_');
  if (!has(key)) {
    const names = Object.keys(scope).filter((k) => k.includes('vma'));
    throw new ModelError(`${where}: vma expression '${e}' names nothing in scope (vma names in scope: ${names.join(', ') || 'none'})`);
  }
  const v = scope[key];
  if (v === null) return null;
  if (typeof v !== 'number') throw new ModelError(`${where}: vma expression '${e}' is ${String(v)}, not a vma`);
  return v;
}
