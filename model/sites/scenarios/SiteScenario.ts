import type { Scenario } from '../../scenario/Scenario.js';

/** A built-in site scenario: the litmus test and the catalog id of the site it exercises (index.ts lists them all). */
export interface SiteScenario {
  /** The catalog id of the site the scenario exercises. */
  readonly site: number;
  readonly scenario: Scenario;
}
