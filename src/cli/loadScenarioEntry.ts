import type { ScenarioEntry } from './ScenarioEntry.js';
import { UsageError } from './UsageError.js';

/** A scenario file as a CLI entry. (Wired to the mm model's loader once it lands.) */
export async function loadScenarioEntry(file: string): Promise<ScenarioEntry> {
  throw new UsageError(`${file}: scenario files are not supported yet`);
}
