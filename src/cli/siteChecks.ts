/**
 * The jobs of `mnc check`: each site scenario with the event profile and
 * overrides applied, its mirror kinds, the verdict it expects, and how to
 * build its model and properties.
 */
import { SITE_SCENARIOS } from '../../model/sites/scenarios/index.js';
import { CATALOG, eventOf, type EventProfile } from '../../model/sites/catalog.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import type { SiteConfig } from '../../model/mm/MmState.js';
import { buildMmModel } from '../../model/MmModel.js';
import { mmProperties } from '../../properties/mmProperties.js';
import type { SiteOverride } from './parseOverride.js';
import type { Built } from './ScenarioEntry.js';
import { applyMutant } from '../../properties/mutants/MmMutant.js';
import { findMutant } from '../../properties/mutants/mmMutants.js';
import { misfitAsModelError } from './misfitAsModelError.js';

export interface SiteCheck {
  readonly site: number;
  readonly scenario: Scenario;
  readonly mirrors: readonly string[];
  /** The verdict that passes: the scenario's own under the profile (overrides and mutants keep it). */
  readonly expected: 'ok' | 'violation';
  readonly expectedProperty?: string;
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

/** Site configs for a profile, with overrides on top. */
export function siteConfigs(profile: EventProfile, scenario: Scenario, overrides: readonly SiteOverride[]): Record<string, SiteConfig> {
  const out: Record<string, SiteConfig> = {};
  for (const s of CATALOG) out[String(s.id)] = { event: eventOf(s, profile), vma: s.vma };
  Object.assign(out, scenario.sites ?? {});
  for (const o of overrides) {
    const k = String(o.site);
    out[k] = { event: o.event ?? out[k]!.event, vma: o.vma ?? out[k]!.vma };
  }
  return out;
}

export function siteChecks(f: SiteCheckFilter): SiteCheck[] {
  const overrides = f.overrides ?? [];
  return SITE_SCENARIOS.filter((x) => !f.sites || f.sites.includes(x.site))
    .filter((x) => !f.scenario || x.scenario.name === f.scenario)
    .filter((x) => !f.mirror || (x.scenario.mirrors ?? []).some((m) => m.kind === f.mirror))
    .map((x): SiteCheck => {
      const configured: Scenario = { ...x.scenario, profile: f.profile, sites: siteConfigs(f.profile, x.scenario, overrides) };
      const spec = f.mutant === undefined ? undefined : findMutant(f.mutant);
      if (f.mutant !== undefined && !spec) throw new Error(`no mutant ${f.mutant}`);
      const { scenario, registry } = spec ? applyMutant(spec, configured) : { scenario: configured, registry: undefined };
      const own = (f.profile !== 'seed' ? x.scenario.profiles?.[f.profile] : undefined) ?? {
        expect: x.scenario.expect,
        ...(x.scenario.expectProperty ? { expectProperty: x.scenario.expectProperty } : {}),
      };
      // An override or a mutant is a what-if: the scenario's own verdict (its known
      // findings included) still stands, and any other outcome is unexpected.
      const expected = own.expect;
      return {
        site: x.site,
        scenario,
        mirrors: [...new Set((x.scenario.mirrors ?? []).map((m) => m.kind))],
        expected,
        ...(own.expectProperty ? { expectedProperty: own.expectProperty } : {}),
        build: () => {
          const model = buildMmModel(scenario, registry ? { registry } : {});
          return { model: spec?.programs !== undefined ? misfitAsModelError(model, spec.id) : model, properties: mmProperties(scenario), expected };
        },
      };
    });
}
