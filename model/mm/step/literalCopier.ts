/**
 * One-level copies of records of one shape (a program's locals): a function
 * whose body is an object literal naming the keys, made once per shape. A
 * spread of records of many shapes goes through V8's generic copy (about
 * 260 ns a copy against 90 to 140 ns for the literal with its shape check,
 * 40 shapes of 4 to 9 keys, node 20: bench/core/copyMicro.mjs). A record of another shape (a program called with other
 * arguments) is copied by a spread, so the copy always has the keys of the
 * original, in its order.
 */
export type Copier<T extends object> = (x: T) => T;

/** A copier for records with exactly `keys`, in that order; any other record is spread. */
export function literalCopier<T extends object>(keys: readonly string[]): Copier<T> {
  if (keys.includes('__proto__')) return (x) => ({ ...x });
  const fields = keys.map((k) => `${JSON.stringify(k)}: x[${JSON.stringify(k)}]`).join(', ');
  const body = `return function copy(x) {
    let i = 0;
    for (const k in x) if (k !== keys[i++]) return { ...x };
    return i === ${keys.length} ? { ${fields} } : { ...x };
  };`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the body is data: each key a JSON string literal
  return (new Function('keys', body) as (keys: readonly string[]) => Copier<T>)(keys);
}

/** A copier that learns its records' shape from the first one it copies. */
export function shapeCopier<T extends object>(): Copier<T> {
  let fast: Copier<T> | undefined;
  return (x) => (fast ??= literalCopier<T>(Object.keys(x)))(x);
}
