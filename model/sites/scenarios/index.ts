/**
 * Every site scenario that `mnc check` runs, with the catalog ids of the
 * sites it exercises (one line per group or file: add yours).
 * test/sites/scenarioIndex.test.ts fails when a scenario file is missing here.
 */
import { G1_SCENARIOS } from './g1Scenarios.js';
import { G2_CHECKS } from './g2Scenarios.js';
import { G3_CHECKS } from './g3Scenarios.js';
import type { SiteScenario } from './SiteScenario.js';
import { ZAP_SCENARIOS } from './zapScenarios.js';

export const SITE_SCENARIOS: readonly SiteScenario[] = [...G1_SCENARIOS, ...G2_CHECKS, ...G3_CHECKS, ...ZAP_SCENARIOS];
