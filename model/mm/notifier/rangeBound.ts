/**
 * A range bound override (`--override 28:start=vma->vm_start`, a site's
 * `start`/`end` in a scenario) evaluated in the site function's scope, as
 * the C expression would be at the mmu_notifier_range_init call:
 *  - a page number (`0`, `4`);
 *  - a local of the site's frame holding a number (`address`, `haddr`, `end`);
 *  - `EXPR->vm_start` / `EXPR->vm_end`, EXPR a vma expression (resolveVma).
 * Anything else is a ModelError naming the expression.
 */
import { ModelError } from '../../../src/engine/Model.js';
import type { StepCtx } from '../step/Program.js';
import { vmaOf } from '../vmas.js';

export function rangeBound(c: StepCtx, expr: string): number {
  const e = expr.trim();
  if (/^\d+$/.test(e)) return Number(e);
  const field = /^(.+)->(vm_start|vm_end)$/.exec(e);
  if (field) {
    const id = c.vma(field[1]!);
    if (id === null) throw new ModelError(`${c.where()}: range bound '${e}': ${field[1]} is NULL`);
    const v = vmaOf(c.s, id);
    return field[2] === 'vm_start' ? v.start : v.end;
  }
  // a local named after the C expression: `range.start`, or `range_start` in a typed program (as resolveVma)
  const l = c.l;
  const k = Object.prototype.hasOwnProperty.call(l, e) ? e : e.replace(/->|\./g, '_');
  const v = Object.prototype.hasOwnProperty.call(l, k) ? l[k] : undefined;
  if (typeof v === 'number') return v;
  const names = Object.keys(l).filter((n) => typeof l[n] === 'number');
  throw new ModelError(`${c.where()}: range bound '${e}' is not a page number, a numeric local (${names.join(', ')}) or VMA->vm_start/vm_end`);
}
