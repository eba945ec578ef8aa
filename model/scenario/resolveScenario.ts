/**
 * The one step from a scenario (file, module, site scenario, drawn) to what
 * the model is built from: the event profile and every site's complete
 * config (catalog defaults, the scenario's and each thread's `sites`, then
 * the command line's overrides), the mutant's scenario rewrite, the program
 * registry (built-in programs, the module's programs and edits, the
 * mutant's programs) and the expected verdict.
 *
 * Policy for the expected verdict: it is the scenario's own under the
 * profile (`profiles['v5.2']` when stated, else `expect`/`expectProperty`).
 * Overrides, mutants and edits do not change it: they are a what-if judged
 * against the scenario's own verdict (so a mutant the contract catches shows
 * as an unexpected violation, and a known finding stays known).
 *
 * Pure: the catalog is injected (model/sites/catalog.ts's CATALOG fits), no
 * file is read and nothing global changes.
 */
import type { SiteConfig } from '../mm/MmState.js';
import type { NotifierEvent } from '../mm/NotifierEvent.js';
import type { Program } from '../mm/step/Program.js';
import type { ProgramRegistry } from '../mm/step/ProgramRegistry.js';
import { defaultRegistry } from './defaultRegistry.js';
import { expectationOf, type Expectation } from './Expectation.js';
import { mergeSites } from './mergeSites.js';
import { applyEdits, type ProgramEdit } from './ProgramEdit.js';
import type { Scenario, SiteSpec } from './Scenario.js';
import { ScenarioError } from './ScenarioError.js';

export type EventProfile = 'seed' | 'v5.2';

/** What resolveScenario needs of a catalog site (CatalogSite fits). */
export interface CatalogEntry {
  readonly id: number;
  readonly event: NotifierEvent;
  readonly v52Event: NotifierEvent;
  readonly vma: string;
}

/** An override of one site (`--override 28:start=vma->vm_start`). */
export interface SiteOverride extends SiteSpec {
  readonly site: number;
}

/** What resolveScenario needs of a mutant (MmMutantSpec fits). */
export interface ScenarioMutant {
  readonly id: string;
  /** Programs replacing the registered ones of the same names. */
  readonly programs?: () => readonly Program[];
  readonly scenario?: (sc: Scenario) => Scenario;
}

export interface ResolveOptions {
  /** Default: the scenario's `profile`, else `seed`. */
  readonly profile?: EventProfile;
  readonly overrides?: readonly SiteOverride[];
  readonly mutant?: ScenarioMutant;
  /** A scenario module's new programs and edits. */
  readonly programs?: readonly Program[];
  readonly edits?: readonly ProgramEdit[];
}

export interface ResolvedScenario {
  /** The scenario with its profile and every site's complete config (scenario-wide and per thread), the mutant's rewrite applied. */
  readonly scenario: Scenario;
  readonly registry: ProgramRegistry;
  readonly expected: Expectation;
  /** What overrides, the mutant and edits replaced, one line each (`site 28: start=vma->vm_start`, `mutant X`, `step P:L`). */
  readonly replaced: readonly string[];
  /** True when `scenario` alone rebuilds the model (no program was added, replaced or edited): a counterexample can name it. */
  readonly dataOnly: boolean;
}

const describeOverride = (o: SiteOverride): string =>
  `site ${o.site}: ${(['event', 'vma', 'start', 'end'] as const)
    .filter((k) => o[k] !== undefined)
    .map((k) => `${k}=${o[k]}`)
    .join(',')}`;

/** Every catalog site's config under `profile`: its event and vma expression (the scenario's `sites` go on top). */
export function catalogSites(catalog: readonly CatalogEntry[], profile: EventProfile): Record<string, SiteConfig> {
  const out: Record<string, SiteConfig> = {};
  for (const s of catalog) out[String(s.id)] = { event: profile === 'seed' ? s.event : s.v52Event, vma: s.vma };
  return out;
}

export function resolveScenario(base: Scenario, catalog: readonly CatalogEntry[], o: ResolveOptions = {}): ResolvedScenario {
  const profile = o.profile ?? base.profile ?? 'seed';
  const known = new Set(catalog.map((s) => String(s.id)));
  const checkIds = (sites: Readonly<Record<string, SiteSpec>> | undefined, f: string) => {
    for (const id of Object.keys(sites ?? {})) if (!known.has(id)) throw new ScenarioError(`${f}.${id}: no site ${id} in the catalog (see 'mnc sites')`);
  };
  checkIds(base.sites, 'sites');
  base.threads.forEach((t, i) => checkIds(t.sites, `threads[${i}].sites`));
  const overridden = (sites: Record<string, SiteConfig>) => {
    for (const { site, ...spec } of o.overrides ?? []) {
      if (!known.has(String(site))) throw new ScenarioError(`--override ${site}: no site ${site} in the catalog (see 'mnc sites')`);
      Object.assign(sites, mergeSites(sites, { [String(site)]: spec }));
    }
    return sites;
  };
  const sites = overridden(mergeSites(catalogSites(catalog, profile), base.sites));
  const threads = base.threads.map((t) => (t.sites === undefined ? t : { ...t, sites: overridden(mergeSites(sites, t.sites)) }));
  const configured: Scenario = { ...base, profile, sites, threads };
  const scenario = o.mutant?.scenario ? o.mutant.scenario(configured) : configured;
  const registry = defaultRegistry(o.programs ?? []);
  const mutantPrograms = o.mutant?.programs?.() ?? [];
  for (const p of mutantPrograms) registry.replace(p);
  const edited = applyEdits(registry, o.edits ?? []);
  const own = (profile !== 'seed' ? base.profiles?.[profile] : undefined) ?? { expect: base.expect, expectProperty: base.expectProperty };
  return {
    scenario,
    registry,
    expected: expectationOf(own.expect, own.expectProperty),
    replaced: [...(o.overrides ?? []).map(describeOverride), ...(o.mutant ? [`mutant ${o.mutant.id}`] : []), ...edited],
    dataOnly: mutantPrograms.length === 0 && edited.length === 0 && (o.programs ?? []).length === 0,
  };
}
