/** The litmus scenarios of sites group G1, by site id. */
import type { Scenario } from '../../scenario/Scenario.js';
import { scenario as cowFaultVsKvmRead } from './cowFaultVsKvmRead.js';
import { scenario as mprotectAtZeroVsKvmRead } from './mprotectAtZeroVsKvmRead.js';
import { scenario as mprotectVsKvmWrite } from './mprotectVsKvmWrite.js';
import { scenario as munmapVsKvmFault } from './munmapVsKvmFault.js';

export interface SiteScenario {
  readonly site: number;
  readonly scenario: Scenario;
}

export const G1_SCENARIOS: readonly SiteScenario[] = [
  { site: 16, scenario: munmapVsKvmFault },
  { site: 19, scenario: cowFaultVsKvmRead },
  { site: 24, scenario: mprotectVsKvmWrite },
  { site: 24, scenario: mprotectAtZeroVsKvmRead },
];
