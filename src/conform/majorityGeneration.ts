import type { Generation } from './Generation.js';
import type { RangeInit } from './RangeInit.js';

/** The most common known generation among calls (ties: the first seen). */
export function majorityGeneration(inits: readonly RangeInit[]): Generation | undefined {
  const counts = new Map<Generation, number>();
  for (const r of inits) if (r.generation !== 'unknown') counts.set(r.generation, (counts.get(r.generation) ?? 0) + 1);
  let best: Generation | undefined;
  for (const [g, n] of counts) if (best === undefined || n > counts.get(best)!) best = g;
  return best;
}
