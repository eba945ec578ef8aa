import type { ExpectedVerdict } from './Scenario.js';

/** What a run must end with to meet a scenario's expectation: every property holds, or `property` (any, when absent) fails. */
export interface Expectation {
  readonly verdict: 'ok' | 'violation';
  readonly property?: string;
}

/** `deadlock` is a violation of the engine's `deadlock` property. */
export function expectationOf(expect: ExpectedVerdict, expectProperty: string | undefined): Expectation {
  if (expect === 'deadlock') return { verdict: 'violation', property: 'deadlock' };
  return expect === 'ok' || expectProperty === undefined ? { verdict: expect } : { verdict: expect, property: expectProperty };
}

/** `ok`, `violation of P`, `deadlock`: the expectation in words. */
export function describeExpectation(e: Expectation): string {
  if (e.verdict === 'ok') return 'ok';
  if (e.property === 'deadlock') return 'deadlock';
  return e.property === undefined ? 'a violation' : `violation of ${e.property}`;
}
