import type { Token } from './Token.js';

/** One name a declaration introduces. */
export interface Declared {
  readonly name: string;
  /** `struct vm_area_struct *name`. */
  readonly isVma: boolean;
  /** `struct mmu_notifier_range name` (an object, not a pointer). */
  readonly isRangeObject: boolean;
}

const NOT_TYPES = new Set(['return', 'goto', 'case', 'default', 'break', 'continue', 'if', 'else', 'while', 'for', 'do', 'switch', 'sizeof']);
const TAGS = new Set(['struct', 'union', 'enum']);

/**
 * Reads a declaration starting at `tokens[i]` (a statement or parameter
 * start): its type, then declarators up to `;` or `stop`. Returns the names
 * it declares, or [] when the tokens are not a declaration.
 */
export function parseDeclarators(tokens: readonly Token[], i: number, stop = ';'): Declared[] {
  let k = i;
  let tag: string | undefined;
  let typeTokens = 0;
  // the type: qualifiers, `struct tag`, or type names, as long as an id follows
  while (k < tokens.length) {
    const t = tokens[k]!;
    if (t.kind !== 'id' || NOT_TYPES.has(t.text)) break;
    if (TAGS.has(t.text)) {
      const name = tokens[k + 1];
      if (!name || name.kind !== 'id') return [];
      tag = tag ?? name.text;
      k += 2;
      typeTokens++;
      continue;
    }
    const next = tokens[k + 1];
    // an id followed by an id or `*` is (part of) the type; the last id is the declarator
    if (next && (next.kind === 'id' || next.text === '*')) {
      k++;
      typeTokens++;
      continue;
    }
    break;
  }
  if (typeTokens === 0) return [];
  const out: Declared[] = [];
  for (;;) {
    let stars = 0;
    while (tokens[k]?.text === '*' || tokens[k]?.text === 'const') {
      if (tokens[k]!.text === '*') stars++;
      k++;
    }
    const name = tokens[k];
    const after = tokens[k + 1];
    if (!name || name.kind !== 'id' || NOT_TYPES.has(name.text)) return out;
    if (after && !['=', ';', ',', '[', ')', stop].includes(after.text) && !(after.kind === 'id' && /^__/.test(after.text))) return out;
    out.push({
      name: name.text,
      isVma: tag === 'vm_area_struct' && stars === 1,
      isRangeObject: tag === 'mmu_notifier_range' && stars === 0,
    });
    // skip the initializer up to the next top-level `,` or the end
    k++;
    let depth = 0;
    while (k < tokens.length) {
      const t = tokens[k]!.text;
      if (t === '(' || t === '[' || t === '{') depth++;
      else if (t === ')' || t === ']' || t === '}') {
        if (depth === 0) return out;
        depth--;
      } else if (depth === 0 && (t === ';' || t === stop)) return out;
      else if (depth === 0 && t === ',') break;
      k++;
    }
    if (k >= tokens.length) return out;
    k++; // past the comma
  }
}
