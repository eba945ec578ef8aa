/**
 * The scenarios the CLI knows by name: where the engine meets the model.
 * Each entry builds a model (model/) with its properties (properties/).
 */
import type { ScenarioEntry } from './ScenarioEntry.js';
import { UsageError } from './UsageError.js';

const ENTRIES: ScenarioEntry[] = [];

export function scenarioRegistry(): readonly ScenarioEntry[] {
  return ENTRIES;
}

export function findScenario(name: string): ScenarioEntry {
  const e = ENTRIES.find((x) => x.name === name);
  if (!e) {
    const known = ENTRIES.map((x) => x.name).join(', ');
    throw new UsageError(`unknown scenario '${name}' (known: ${known || 'none'}; see 'mnc scenarios')`);
  }
  return e;
}
