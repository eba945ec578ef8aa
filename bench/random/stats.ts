/** Median and table-cell formatting shared by the random benchmarks. */
export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export const fmt = (x: number, digits = 0): string => (Number.isNaN(x) ? '-' : x.toFixed(digits));
