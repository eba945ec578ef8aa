import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { integerIn } from '../../src/cli/integerIn.js';
import { positiveInteger } from '../../src/cli/positiveInteger.js';
import { positiveNumber } from '../../src/cli/positiveNumber.js';

describe('option parsers shared by the commands', () => {
  it('positiveNumber: a finite number > 0', () => {
    expect(positiveNumber('2.5')).toBe(2.5);
    expect(positiveNumber(' 300 ')).toBe(300);
    for (const bad of ['', ' ', '0', '-1', 'x', 'Infinity', 'NaN'])
      expect(() => positiveNumber(bad), bad).toThrow(new InvalidArgumentError('expected a positive number'));
  });

  it('integerIn(min, max): decimal digits within the bounds', () => {
    const jobs = integerIn(1, 256);
    expect(jobs('1')).toBe(1);
    expect(jobs(' 256 ')).toBe(256);
    for (const bad of ['0', '257', '1.5', '1e2', '', 'x', '-1'])
      expect(() => jobs(bad), bad).toThrow(new InvalidArgumentError('expected an integer in 1..256'));
    expect(integerIn(-3, 3)('-3')).toBe(-3);
  });

  it('positiveInteger: a count > 0 (budgets of states and depth), exponent notation allowed', () => {
    expect(positiveInteger('5000')).toBe(5000);
    expect(positiveInteger(' 7 ')).toBe(7);
    expect(positiveInteger('2e6')).toBe(2_000_000);
    for (const bad of ['', ' ', '0', '-1', '1.5', '2.7', '1e-3', '0x10', 'x', 'Infinity', 'NaN', '1e30'])
      expect(() => positiveInteger(bad), bad).toThrow(new InvalidArgumentError('expected a positive integer'));
  });
});
