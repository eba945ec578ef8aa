import type { Token } from './Token.js';

const OPEN = new Set(['(', '[']);
const CLOSE = new Set([')', ']', ',', ';']);
const TIGHT = new Set(['->', '.']);
const UNARY = new Set(['&', '*', '!', '~', '-', '+', '++', '--']);

/** Source text of an expression, spaced the kernel's way (`&range`, `vma->vm_mm`, `a & MASK`). */
export function renderTokens(tokens: readonly Token[]): string {
  let s = '';
  let prev: Token | undefined;
  let prevUnary = false;
  for (const t of tokens) {
    let space = s.length > 0;
    if (prev) {
      if (OPEN.has(prev.text) || TIGHT.has(prev.text) || prevUnary) space = false;
      if (CLOSE.has(t.text) || TIGHT.has(t.text)) space = false;
      if (t.text === '(' && prev.kind === 'id') space = false;
      if (t.text === '[') space = false;
      if ((t.text === '++' || t.text === '--') && (prev.kind === 'id' || prev.text === ')')) space = false;
    }
    const unary =
      t.kind === 'punct' && UNARY.has(t.text) && (!prev || (prev.kind === 'punct' && prev.text !== ')' && prev.text !== ']') || prev.text === 'return');
    if (space) s += ' ';
    s += t.text;
    prevUnary = unary;
    prev = t;
  }
  return s;
}
