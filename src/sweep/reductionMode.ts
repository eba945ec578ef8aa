/**
 * How a sweep explored its configurations: plain, reduced by ample sets and
 * checked on every state (`--por-check`), or with sleep sets on top, also
 * checked (`--sleep-sets`). Records and reports of different modes are kept
 * apart: their counts are of different graphs.
 */
export interface ReductionFlags {
  readonly porCheck?: boolean;
  /** Only with porCheck: a sleep-set sweep is always a checked one. */
  readonly sleepSets?: boolean;
}

export type ReductionMode = 'plain' | '--por-check' | '--por-check --sleep-sets';

export function reductionMode(f: ReductionFlags): ReductionMode {
  if (f.sleepSets === true) return '--por-check --sleep-sets';
  return f.porCheck === true ? '--por-check' : 'plain';
}

/** The incremental cache key of a record explored in mode `f` by code `modelHash` (a plain record's is the hash itself). */
export function reductionCacheKey(modelHash: string, f: ReductionFlags): string {
  const mode = reductionMode(f);
  return mode === 'plain' ? modelHash : `${modelHash}+${mode.replaceAll('--', '').replace(' ', '+')}`;
}

/** The mode's fields as a report carries them (absent for a plain sweep). */
export function reductionFields(f: ReductionFlags): ReductionFlags {
  const mode = reductionMode(f);
  return mode === 'plain' ? {} : mode === '--por-check' ? { porCheck: true } : { porCheck: true, sleepSets: true };
}
