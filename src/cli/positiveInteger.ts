import { InvalidArgumentError } from 'commander';

/**
 * An option value that is a count (`--max-states`, `--max-depth`): a whole
 * number > 0, in decimal digits or exponent notation (`2e6`), no larger than
 * a double holds exactly; commander turns the error into a one-line usage error
 * naming the option and the value.
 */
export function positiveInteger(v: string): number {
  const n = Number(v);
  if (!/^\d+(?:e\+?\d+)?$/i.test(v.trim()) || !Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}
