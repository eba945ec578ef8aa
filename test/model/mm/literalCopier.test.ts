import { describe, expect, it } from 'vitest';
import { literalCopier, shapeCopier } from '../../../model/mm/step/literalCopier.js';

describe('literalCopier (model/mm/step/literalCopier.ts)', () => {
  it('copies a record of its shape one level deep, keys in order', () => {
    const c = literalCopier<Record<string, unknown>>(['a', 'b']);
    const inner = { x: 1 };
    const o = { a: 1, b: inner };
    const k = c(o);
    expect(k).not.toBe(o);
    expect(k).toEqual(o);
    expect(Object.keys(k)).toEqual(['a', 'b']);
    expect(k.b).toBe(inner);
  });

  it('spreads a record of any other shape: the copy keeps its keys and their order', () => {
    const c = literalCopier<Record<string, unknown>>(['a', 'b']);
    for (const o of [{ b: 2, a: 1 }, { a: 1 }, { a: 1, b: 2, c: 3 }, {}, { a: undefined, b: undefined }]) {
      const k = c(o);
      expect(k).not.toBe(o);
      expect(Object.keys(k)).toEqual(Object.keys(o));
      expect(k).toEqual(o);
    }
  });

  it('takes keys as data, never as code', () => {
    const keys = ['"}; throw 1; //', '__proto__', 'a\u2028b'];
    for (const k of keys) {
      const o = JSON.parse(`{${JSON.stringify(k)}: 5}`) as Record<string, unknown>;
      const c = literalCopier<Record<string, unknown>>([k]);
      expect(Object.keys(c(o))).toEqual([k]);
      expect(c(o)[k]).toBe(5);
    }
  });

  it('shapeCopier learns the shape from its first record and still copies others whole', () => {
    const c = shapeCopier<Record<string, unknown>>();
    expect(c({ p: 1, q: 2 })).toEqual({ p: 1, q: 2 });
    expect(Object.keys(c({ q: 2, p: 1, r: 3 }))).toEqual(['q', 'p', 'r']);
  });
});
