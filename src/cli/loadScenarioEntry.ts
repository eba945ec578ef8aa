import type { MmBuildOptions, ScenarioEntry } from './ScenarioEntry.js';
import { UsageError } from './UsageError.js';
import { loadScenarioFile } from '../../model/scenario/loadScenarioFile.js';
import { ScenarioError } from '../../model/scenario/ScenarioError.js';
import { resolveScenario } from '../../model/scenario/resolveScenario.js';
import { CATALOG } from '../../model/sites/catalog.js';
import { buildMmCheck } from './buildMmCheck.js';
import { mutantById } from './mutantById.js';

/** A scenario file (JSON or module) as a CLI entry: the mm model with the whole contract; `--events`, `--override` and `--mutant` apply (BuildOptions.mm). */
export async function loadScenarioEntry(file: string): Promise<ScenarioEntry> {
  let mod;
  try {
    mod = await loadScenarioFile(file);
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(e.message.startsWith(file) ? e.message : `${file}: ${e.message}`);
    throw e;
  }
  const { scenario, programs = [], edits = [] } = mod;
  const build = (mm: MmBuildOptions | undefined) => {
    const mutant = mutantById(mm?.mutant);
    const r = resolveScenario(scenario, CATALOG, {
      programs,
      edits,
      ...(mm?.events !== undefined && (mm.events !== 'seed' || scenario.profile === undefined) ? { profile: mm.events } : {}),
      ...(mm ? { overrides: mm.overrides } : {}),
      ...(mutant ? { mutant } : {}),
    });
    try {
      return buildMmCheck(r, mutant ? `mutant ${mutant.id} does not fit this scenario` : `a program of ${file}`);
    } catch (e) {
      if (e instanceof ScenarioError) throw new UsageError(`${file}: ${e.message}`);
      throw e;
    }
  };
  return { name: scenario.name, description: scenario.description ?? '', params: [], variants: [], mm: true, build: (o) => build(o?.mm) };
}
