import type { Token } from './Token.js';
import { splitArgs } from './splitArgs.js';

export interface Param {
  readonly name: string;
  readonly isVma: boolean;
}

/** The named parameters of a parameter list (the tokens between its parentheses). */
export function paramsOf(tokens: readonly Token[]): Param[] {
  const out: Param[] = [];
  for (const p of splitArgs(tokens)) {
    const ids = p.filter((t) => t.kind === 'id' && !/^__/.test(t.text));
    const last = ids[ids.length - 1];
    if (!last || ids.length < 2) continue; // `void`, `...`, or an unnamed parameter
    const stars = p.filter((t) => t.text === '*').length;
    out.push({ name: last.text, isVma: p.some((t) => t.text === 'vm_area_struct') && stars === 1 });
  }
  return out;
}
