import type { Token } from './Token.js';

const PUNCT3 = new Set(['<<=', '>>=', '...']);
const PUNCT2 = new Set(['->', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '##']);

function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
}
function isIdPart(c: number): boolean {
  return isIdStart(c) || (c >= 48 && c <= 57);
}

/**
 * A tolerant C tokenizer: drops comments, keeps string and char literals
 * whole, folds each preprocessor directive (with its backslash
 * continuations, comments removed) into one `pp` token, and never throws:
 * an unterminated comment or literal ends at the end of the text.
 */
export function tokenizeC(src: string): Token[] {
  const out: Token[] = [];
  const n = src.length;
  let i = 0;
  let line = 1;
  let lineStart = true; // only whitespace since the last newline
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
      lineStart = true;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
      i++;
      continue;
    }
    if (c === 92 && src.charCodeAt(i + 1) === 10) {
      i += 2;
      line++;
      continue;
    } // stray line splice
    if (c === 47 && src.charCodeAt(i + 1) === 42) {
      // /* comment */
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (src.charCodeAt(k) === 10) line++;
      i = stop;
      continue;
    }
    if (c === 47 && src.charCodeAt(i + 1) === 47) {
      // line comment
      const end = src.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    const startLine = line;
    if (c === 35 && lineStart) {
      // preprocessor directive
      let text = '';
      let k = i;
      while (k < n) {
        const d = src.charCodeAt(k);
        if (d === 10) break;
        if (d === 92 && (src.charCodeAt(k + 1) === 10 || (src.charCodeAt(k + 1) === 13 && src.charCodeAt(k + 2) === 10))) {
          k += src.charCodeAt(k + 1) === 13 ? 3 : 2;
          line++;
          text += ' ';
          continue;
        }
        if (d === 47 && src.charCodeAt(k + 1) === 42) {
          const end = src.indexOf('*/', k + 2);
          const stop = end < 0 ? n : end + 2;
          for (let m = k; m < stop; m++) if (src.charCodeAt(m) === 10) line++;
          k = stop;
          text += ' ';
          continue;
        }
        if (d === 47 && src.charCodeAt(k + 1) === 47) {
          while (k < n && src.charCodeAt(k) !== 10) k++;
          break;
        }
        text += src[k];
        k++;
      }
      out.push({ kind: 'pp', text: text.replace(/\s+/g, ' ').trim(), line: startLine });
      i = k;
      continue;
    }
    lineStart = false;
    if (isIdStart(c)) {
      let k = i + 1;
      while (k < n && isIdPart(src.charCodeAt(k))) k++;
      // L"..." / u8'...' prefixes are read as an id followed by a literal: harmless here.
      out.push({ kind: 'id', text: src.slice(i, k), line: startLine });
      i = k;
      continue;
    }
    if ((c >= 48 && c <= 57) || (c === 46 && src.charCodeAt(i + 1) >= 48 && src.charCodeAt(i + 1) <= 57)) {
      let k = i + 1;
      while (k < n) {
        const d = src.charCodeAt(k);
        if (isIdPart(d) || d === 46) k++;
        else if ((d === 43 || d === 45) && /[eEpP]/.test(src[k - 1]!)) k++;
        else break;
      }
      out.push({ kind: 'num', text: src.slice(i, k), line: startLine });
      i = k;
      continue;
    }
    if (c === 34 || c === 39) {
      // "string" or 'c'
      let k = i + 1;
      while (k < n) {
        const d = src.charCodeAt(k);
        if (d === 92) {
          if (src.charCodeAt(k + 1) === 10) line++;
          k += 2;
          continue;
        }
        if (d === c) {
          k++;
          break;
        }
        if (d === 10) break; // unterminated: stop at the end of the line
        k++;
      }
      out.push({ kind: c === 34 ? 'str' : 'char', text: src.slice(i, k), line: startLine });
      i = k;
      continue;
    }
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    const text = PUNCT3.has(three) ? three : PUNCT2.has(two) ? two : src[i]!;
    out.push({ kind: 'punct', text, line: startLine });
    i += text.length;
  }
  return out;
}
