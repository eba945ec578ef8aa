import { paramsOf, type Param } from './Param.js';
import { matchParen } from './splitArgs.js';
import { tokenizeC } from './tokenizeC.js';

/**
 * The function a hunk's `@@ ... @@ header` names (diff prints the last
 * line before the hunk that starts a function), with the parameters it
 * shows; undefined when the header is not a function signature.
 */
export function hunkFunction(header: string): { name: string; params: Param[] } | undefined {
  const tokens = tokenizeC(header);
  const open = tokens.findIndex((t, k) => t.text === '(' && tokens[k - 1]?.kind === 'id');
  if (open < 1) return undefined;
  const name = tokens[open - 1]!.text;
  if (['if', 'for', 'while', 'switch', 'return', 'sizeof', 'define'].includes(name) || tokens[0]?.kind === 'pp') return undefined;
  const close = matchParen(tokens, open);
  return { name, params: paramsOf(tokens.slice(open + 1, close < 0 ? tokens.length : close)) };
}
