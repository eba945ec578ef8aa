import { InvalidArgumentError } from 'commander';

/** An option parser for an integer in `min..max` (decimal digits, a sign allowed); commander turns the error into a one-line usage error. */
export const integerIn =
  (min: number, max: number) =>
  (v: string): number => {
    const n = Number(v);
    if (!/^-?\d+$/.test(v.trim()) || n < min || n > max) throw new InvalidArgumentError(`expected an integer in ${min}..${max}`);
    return n;
  };
