import { InvalidArgumentError } from 'commander';

/** An option value that must be a number > 0, fractions allowed (seconds; counts use positiveInteger); commander turns the error into a one-line usage error. */
export function positiveNumber(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}
