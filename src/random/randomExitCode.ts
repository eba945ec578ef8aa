import { EXIT } from '../engine/ExploreResult.js';
import type { RandomResult } from './RandomResult.js';

/** 1 violation, 4 model error, 3 nothing found before the time budget ran out, else 0. */
export function randomExitCode(r: RandomResult<unknown>): number {
  if (r.status === 'violation') return EXIT.violation;
  if (r.status === 'model-error') return EXIT.modelError;
  return r.interrupted ? EXIT.incomplete : EXIT.ok;
}

/** The exit code of several results: model error, then violation, then incomplete, then ok. */
export function worseExitCode(a: number, b: number): number {
  const rank: number[] = [EXIT.ok, EXIT.incomplete, EXIT.violation, EXIT.modelError];
  return rank.indexOf(a) >= rank.indexOf(b) ? a : b;
}
