/**
 * Every site operation's programs (one line per file; add yours).
 * The default registry (model/scenario/defaultRegistry.ts) loads these.
 */
import type { Program } from '../mm/step/Program.js';
import { HUGE_PROGRAMS } from './hugePrograms.js';
import { PT_OPS_PROGRAMS } from './ptOpsPrograms.js';
import { RMAP_PROGRAMS } from './rmapPrograms.js';
import { unmapSingleVma } from './unmapSingleVma.js';
import { madviseDontneed, zapPageRange } from './zapPageRange.js';
import { unmapMappingPages, zapPageRangeSingle } from './zapPageRangeSingle.js';

export const SITE_PROGRAMS: readonly Program[] = [
  ...PT_OPS_PROGRAMS,
  ...HUGE_PROGRAMS,
  ...RMAP_PROGRAMS,
  unmapSingleVma,
  zapPageRange,
  madviseDontneed,
  zapPageRangeSingle,
  unmapMappingPages,
];
