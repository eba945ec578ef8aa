/**
 * The canonical key of an MmState: a compact serialization of every field
 * except the constant `cfg`. Objects are written as their values in key
 * order (keys left out: every object of a given place has the same fields
 * in the same order, see MmState.ts); immer shares unchanged sub-objects
 * between states, so each object's text is computed once and cached.
 */
import type { MmState } from './MmState.js';

const cache = new WeakMap<object, string>();

function ser(x: unknown): string {
  if (x === null) return 'n';
  switch (typeof x) {
    case 'number':
      return String(x);
    case 'boolean':
      return x ? 't' : 'f';
    case 'string':
      return JSON.stringify(x);
    case 'object': {
      const hit = cache.get(x as object);
      if (hit !== undefined) return hit;
      let out: string;
      if (Array.isArray(x)) out = `[${x.map(ser).join(',')}]`;
      else {
        const parts: string[] = [];
        for (const k in x as Record<string, unknown>) parts.push(ser((x as Record<string, unknown>)[k]));
        out = `{${parts.join(',')}}`;
      }
      if (Object.isFrozen(x)) cache.set(x as object, out);
      return out;
    }
    default:
      return 'u';
  }
}

export function mmStateKey(s: MmState): string {
  return `${ser(s.mms)}|${ser(s.vmas)}|${ser(s.pmdTables)}|${ser(s.pteTables)}|${ser(s.frames)}|${ser(s.files)}|${ser(s.locks)}|${ser(s.mirrors)}|${ser(s.threads)}`;
}
