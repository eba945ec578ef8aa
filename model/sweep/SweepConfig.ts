import type { Scenario } from '../scenario/Scenario.js';

/** One generated configuration: a site, the path that reaches it, the scenario to explore and its description. */
export interface SweepConfig {
  /** Canonical id: equal configurations up to renaming have the same id. */
  readonly id: string;
  readonly site: number;
  readonly path: string;
  readonly layout: string;
  readonly subscribers: readonly string[];
  readonly threads: readonly string[];
  readonly scenario: Scenario;
}

/** What the generator produced, and how many it did not generate, by reason. */
export interface SweepSpace {
  readonly configs: readonly SweepConfig[];
  readonly skipped: Readonly<Record<string, number>>;
}
