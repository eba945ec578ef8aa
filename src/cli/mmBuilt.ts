/** An mm scenario made checkable with the command line's mm options (event profile, site overrides, mutant). */
import type { Built, MmBuildOptions } from './ScenarioEntry.js';
import { buildMmCheck } from './buildMmCheck.js';
import { mutantById } from './mutantById.js';
import { resolveScenario } from '../../model/scenario/resolveScenario.js';
import { CATALOG } from '../../model/sites/catalog.js';
import type { Scenario } from '../../model/scenario/Scenario.js';

/** The options when the command line gives none: the seed event profile, no override, no mutant. */
export const DEFAULT_MM: MmBuildOptions = { events: 'seed', overrides: [] };

/** An mm scenario with the event profile, site overrides and mutant applied: model, properties, and the scenario file data when one can rebuild it. */
export function mmBuilt(base: Scenario, o: MmBuildOptions = DEFAULT_MM): Built {
  const mutant = mutantById(o.mutant);
  const r = resolveScenario(base, CATALOG, { profile: o.events, overrides: o.overrides, ...(mutant ? { mutant } : {}) });
  return buildMmCheck(r, `mutant ${o.mutant} does not fit this scenario`);
}
