/**
 * Names made from parts (lock names, callback program names, held-lock
 * entries) are looked up in maps and compared on every step. A template
 * string is a fresh string each time it runs: every lookup hashes it anew
 * and every comparison reads its characters. Memoized, the same parts give
 * the same string object, whose hash V8 keeps and which compares equal by
 * identity first. The names are the same either way; only their identity
 * changes.
 */

/** Indices memoized in an array below this bound; others are made each time. */
const MAX_INDEX = 1 << 12;

/** `make` memoized for small non-negative integer arguments (table, frame, mm, file ids). */
export function memoByIndex(make: (n: number) => string): (n: number) => string {
  const made: string[] = [];
  return (n) => {
    if (n >>> 0 !== n || n >= MAX_INDEX) return make(n);
    return made[n] ?? (made[n] = make(n));
  };
}

/** `make` memoized for two small non-negative integer arguments (a file or mm and a page index). */
export function memoByIndexPair(make: (a: number, b: number) => string): (a: number, b: number) => string {
  const made: string[][] = [];
  return (a, b) => {
    if (a >>> 0 !== a || b >>> 0 !== b || a >= MAX_INDEX || b >= MAX_INDEX) return make(a, b);
    const row = made[a] ?? (made[a] = []);
    return row[b] ?? (row[b] = make(a, b));
  };
}

/** `make` memoized by its one string argument. */
export function memoByName(make: (a: string) => string): (a: string) => string {
  const made = new Map<string, string>();
  return (a) => {
    let s = made.get(a);
    if (s === undefined) made.set(a, (s = make(a)));
    return s;
  };
}

/** `make` memoized by its two string arguments. */
export function memoByNames<B extends string>(make: (a: string, b: B) => string): (a: string, b: B) => string {
  const made = new Map<string, Map<string, string>>();
  return (a, b) => {
    let inner = made.get(a);
    if (inner === undefined) made.set(a, (inner = new Map<string, string>()));
    let s = inner.get(b);
    if (s === undefined) inner.set(b, (s = make(a, b)));
    return s;
  };
}
