/** The site group tests' run (ptOps, huge, rmap): BFS of a litmus scenario under an event profile, with extra site configs and the contract minus some properties. */
import type { SiteConfig } from '../../../model/mm/MmState.js';
import { buildMmModel } from '../../../model/MmModel.js';
import type { Scenario } from '../../../model/scenario/Scenario.js';
import { mmProperties } from '../../../properties/mmProperties.js';
import { bfs, type BfsOptions } from '../../../src/engine/bfs.js';
import type { ExploreResult } from '../../../src/engine/ExploreResult.js';

export type Profile = 'seed' | 'v5.2';

/** Explores `sc` with `sites` over its site configs, under `profile`, with the contract minus `without` (e.g. to see what a mirror makes of a wrong event, not the event-promise check). */
export function run(
  sc: Scenario,
  sites: Record<string, SiteConfig> = {},
  profile: Profile = 'seed',
  without: readonly string[] = [],
  options: BfsOptions = {},
): ExploreResult {
  const scenario: Scenario = { ...sc, profile, sites: { ...(sc.sites ?? {}), ...sites } };
  return bfs(
    buildMmModel(scenario),
    mmProperties(scenario).filter((p) => !without.includes(p.name)),
    options,
  );
}

/** The properties a run found violated (none unless it ended in a violation or incomplete with some). */
export const violated = (r: ExploreResult): string[] => (r.status === 'violation' || r.status === 'incomplete' ? r.violations.map((v) => v.property) : []);
