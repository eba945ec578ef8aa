/** Edit distance (insertions, deletions, substitutions; case-insensitive). */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

/** Up to `most` of `known` closest to `name` (a typo's likely intent), nearest first; none when nothing is close. */
export function closestNames(name: string, known: Iterable<string>, most = 3): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  return [...known]
    .map((k) => ({
      k,
      d: k.toLowerCase().includes(name.toLowerCase()) || name.toLowerCase().includes(k.toLowerCase()) ? Math.min(1, distance(name, k)) : distance(name, k),
    }))
    .filter(({ d }) => d <= limit)
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, most)
    .map(({ k }) => k);
}

/** ` (did you mean X or Y?)`, or nothing. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const c = closestNames(name, known);
  return c.length === 0 ? '' : ` (did you mean ${c.length === 1 ? c[0] : `${c.slice(0, -1).join(', ')} or ${c[c.length - 1]}`}?)`;
}
