import { buildMmModel, defaultStateBackend } from '../../model/MmModel.js';
import type { ResolvedScenario } from '../../model/scenario/resolveScenario.js';
import { mmProperties } from '../../properties/mmProperties.js';
import { misfitAsModelError } from './misfitAsModelError.js';
import type { Built } from './ScenarioEntry.js';

/**
 * The model and the whole contract of a resolved scenario (resolveScenario):
 * what check, explore, random, test and the sweep run. Programs that did not
 * come with the model (a mutant's, a module's) fail as a ModelError naming
 * their author; `scenario` is given only when the data alone rebuilds the
 * model (for `mnc replay`).
 */
export function buildMmCheck(r: ResolvedScenario, author = 'a program of the scenario module'): Built {
  // Programs that did not come with the model may write the state past model/mm/mutate.ts: the cow
  // backend then freezes every state, so that such a write throws instead of corrupting a shared one.
  const state = defaultStateBackend();
  const model = buildMmModel(r, { state: r.dataOnly ? state : { ...state, checked: true } });
  return {
    model: r.dataOnly ? model : misfitAsModelError(model, author),
    properties: mmProperties(r.scenario),
    expected: r.expected.verdict,
    ...(r.expected.property !== undefined ? { expectedProperty: r.expected.property } : {}),
    ...(r.replaced.length > 0 ? { replaced: r.replaced } : {}),
    ...(r.dataOnly ? { scenario: r.scenario } : {}),
  };
}
