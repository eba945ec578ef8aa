import type { ExploreResult } from '../engine/ExploreResult.js';

/** Does a result match what the scenario expects (`ok`, or a violation of the expected property)? */
export function matchesExpected(expected: 'ok' | 'violation', expectedProperty: string | undefined, r: ExploreResult): boolean {
  if (expected === 'ok') return r.status === 'ok';
  if (r.status !== 'violation') return false;
  return expectedProperty === undefined || r.violations.some((v) => v.property === expectedProperty);
}
