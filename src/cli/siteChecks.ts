/**
 * The jobs of `mnc check`: each site scenario with the event profile and
 * overrides applied (resolveScenario), its mirror kinds, the verdict it
 * expects, and how to build its model and properties (buildMmCheck).
 */
import { SITE_SCENARIOS } from '../../model/sites/scenarios/index.js';
import { CATALOG, type EventProfile } from '../../model/sites/catalog.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { resolveScenario, type SiteOverride } from '../../model/scenario/resolveScenario.js';
import type { Built } from './ScenarioEntry.js';
import { buildMmCheck } from './buildMmCheck.js';
import { mutantById } from './mutantById.js';
import type { ProgramRegistry } from '../../model/mm/step/ProgramRegistry.js';

export interface SiteCheck {
  readonly site: number;
  readonly scenario: Scenario;
  readonly mirrors: readonly string[];
  /** The verdict that passes: the scenario's own under the profile (overrides and mutants keep it, see resolveScenario). */
  readonly expected: 'ok' | 'violation';
  readonly expectedProperty?: string;
  /** The programs the scenario's threads can run (the model's, a mutant's replacements): what step coverage counts. */
  readonly registry: ProgramRegistry;
  build(): Built;
}

export interface SiteCheckFilter {
  readonly profile: EventProfile;
  readonly sites?: readonly number[];
  readonly mirror?: string;
  readonly scenario?: string;
  readonly overrides?: readonly SiteOverride[];
  /** A mutant id (`mnc mutants --list`): its program and scenario rewrites apply to every scenario. */
  readonly mutant?: string;
}

export function siteChecks(f: SiteCheckFilter): SiteCheck[] {
  const mutant = mutantById(f.mutant);
  return SITE_SCENARIOS.filter((x) => !f.sites || f.sites.includes(x.site))
    .filter((x) => !f.scenario || x.scenario.name === f.scenario)
    .filter((x) => !f.mirror || (x.scenario.mirrors ?? []).some((m) => m.kind === f.mirror))
    .map((x): SiteCheck => {
      const r = resolveScenario(x.scenario, CATALOG, { profile: f.profile, overrides: f.overrides ?? [], ...(mutant ? { mutant } : {}) });
      return {
        site: x.site,
        scenario: r.scenario,
        mirrors: [...new Set((x.scenario.mirrors ?? []).map((m) => m.kind))],
        expected: r.expected.verdict,
        ...(r.expected.property !== undefined ? { expectedProperty: r.expected.property } : {}),
        registry: r.registry,
        build: () => buildMmCheck(r, `mutant ${f.mutant} does not fit this scenario`),
      };
    });
}
