/**
 * Every site scenario that `mnc check` runs, with the catalog ids of the
 * sites it exercises (one line per group or file: add yours).
 * test/sites/scenarioIndex.test.ts fails when a scenario file is missing here.
 */
import { COVERAGE_SCENARIOS } from './coverageScenarios.js';
import { HUGE_SCENARIOS } from './hugeScenarios.js';
import { PT_OPS_SCENARIOS } from './ptOpsScenarios.js';
import { RMAP_SCENARIOS } from './rmapScenarios.js';
import type { SiteScenario } from './SiteScenario.js';
import { ZAP_SCENARIOS } from './zapScenarios.js';

export const SITE_SCENARIOS: readonly SiteScenario[] = [...PT_OPS_SCENARIOS, ...HUGE_SCENARIOS, ...RMAP_SCENARIOS, ...ZAP_SCENARIOS, ...COVERAGE_SCENARIOS];
