import type { StrategyName } from '../random/Schedule.js';

/**
 * One line per `mnc random` flag that the run would otherwise ignore in
 * silence, as src/cli/inapplicableFlags.ts does for explorations:
 * `--pct-depth` with a strategy other than pct. Printed to stderr before
 * the runs; they are the runs without the flag.
 */
export function inapplicableRandomFlags(strategy: StrategyName, pctDepth: number | undefined): string[] {
  return pctDepth !== undefined && strategy !== 'pct' ? [`pct-depth: not applied with --strategy ${strategy} (it is the bug depth of --strategy pct)`] : [];
}
