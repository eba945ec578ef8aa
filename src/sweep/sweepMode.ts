/**
 * How a sweep explored and reported its configurations: its reduction
 * (reductionMode.ts: plain, `--por-check`, `--sleep-sets`) and whether a
 * configuration reports its first violation (the shortest, and the run stops
 * there) or every property's (`--all-violations`: the run goes on to the
 * end, and a finding masked by a shorter one shows). Records and reports of
 * different modes are kept apart: their counts, and what they report, differ.
 */
import { reductionCacheKey, reductionFields, reductionMode, type ReductionFlags } from './reductionMode.js';

export interface SweepModeFlags extends ReductionFlags {
  readonly allViolations?: boolean;
}

/** The mode in words, as its flags: `plain`, `--por-check`, `--all-violations`, `--por-check --all-violations`, ... */
export function sweepMode(f: SweepModeFlags): string {
  const reduction = reductionMode(f);
  if (f.allViolations !== true) return reduction;
  return reduction === 'plain' ? '--all-violations' : `${reduction} --all-violations`;
}

/** The incremental cache key of a record explored in mode `f` by code `modelHash` (a plain record's is the hash itself). */
export function sweepCacheKey(modelHash: string, f: SweepModeFlags): string {
  const key = reductionCacheKey(modelHash, f);
  return f.allViolations === true ? `${key}+all-violations` : key;
}

/** The mode's fields as a report and a job carry them (absent for a plain sweep). */
export function sweepModeFields(f: SweepModeFlags): SweepModeFlags {
  return { ...reductionFields(f), ...(f.allViolations === true ? { allViolations: true } : {}) };
}
