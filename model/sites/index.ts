/**
 * Every site operation's programs (one line per file; add yours).
 * The default registry (model/scenario/defaultRegistry.ts) loads these.
 */
import type { Program } from '../mm/step/Program.js';
import { G1_PROGRAMS } from './g1Programs.js';
import { G2_PROGRAMS } from './g2Programs.js';
import { G3_PROGRAMS } from './g3Programs.js';
import { unmapSingleVma } from './unmapSingleVma.js';
import { madviseDontneed, zapPageRange } from './zapPageRange.js';
import { unmapMappingPages, zapPageRangeSingle } from './zapPageRangeSingle.js';

export const SITE_PROGRAMS: readonly Program[] = [
  ...G1_PROGRAMS,
  ...G2_PROGRAMS,
  ...G3_PROGRAMS,
  unmapSingleVma,
  zapPageRange,
  madviseDontneed,
  zapPageRangeSingle,
  unmapMappingPages,
];
