import type { ScenarioEntry } from './ScenarioEntry.js';
import { UsageError } from './UsageError.js';
import { loadScenarioFile } from '../../model/scenario/loadScenarioFile.js';
import { ScenarioError } from '../../model/scenario/ScenarioError.js';
import { buildMmModel } from '../../model/MmModel.js';
import { mmProperties } from '../../properties/mmProperties.js';

/** A scenario file (JSON or module) as a CLI entry: the mm model with the whole contract. */
export async function loadScenarioEntry(file: string): Promise<ScenarioEntry> {
  let mod;
  try {
    mod = await loadScenarioFile(file);
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(e.message.startsWith(file) ? e.message : `${file}: ${e.message}`);
    throw e;
  }
  const { scenario, programs = [] } = mod;
  return {
    name: scenario.name,
    description: scenario.description ?? '',
    params: [],
    variants: [],
    build: () => ({ model: buildMmModel(scenario, { programs }), properties: mmProperties(scenario), expected: scenario.expect }),
  };
}
