import type { Token } from './Token.js';

/** Annotations that may stand between a function's `)` and its `{`. */
const TRAILERS = /^(__acquires|__releases|__must_hold|__attribute__|__no_context_analysis|__printf|__cond_acquires)$/;

/**
 * When the `{` at `brace` opens a function body, its name and the tokens of
 * its parameter list; undefined for struct, enum and initializer braces.
 */
export function functionHead(tokens: readonly Token[], brace: number): { name: string; params: readonly Token[]; line: number; nameIndex: number } | undefined {
  let k = brace - 1;
  for (let guard = 0; guard < 8; guard++) {
    if (tokens[k]?.text !== ')') return undefined;
    let depth = 0;
    let open = -1;
    for (let j = k; j >= 0; j--) {
      const t = tokens[j]!.text;
      if (t === ')') depth++;
      else if (t === '(' && --depth === 0) {
        open = j;
        break;
      }
    }
    const name = tokens[open - 1];
    if (open < 1 || !name || name.kind !== 'id') return undefined;
    if (TRAILERS.test(name.text)) {
      k = open - 2;
      continue;
    }
    if (['if', 'for', 'while', 'switch', 'sizeof', 'return'].includes(name.text)) return undefined;
    return { name: name.text, params: tokens.slice(open + 1, k), line: name.line, nameIndex: open - 1 };
  }
  return undefined;
}
