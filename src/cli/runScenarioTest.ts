import type { BfsOptions } from '../engine/bfs.js';
import type { ExploreResult } from '../engine/ExploreResult.js';
import { describeExpectation } from '../../model/scenario/Expectation.js';
import { loadScenarioEntry } from './loadScenarioEntry.js';
import { matchesExpected } from './matchesExpected.js';
import { runExploration } from './runExploration.js';
import type { MmBuildOptions } from './ScenarioEntry.js';
import type { ScenarioFile } from './scenarioFiles.js';
import type { ScenarioTestResult } from './ScenarioTestResult.js';
import { UsageError } from './UsageError.js';

/** What the exploration found, in the words of an expectation. */
function describeResult(r: ExploreResult): string {
  const props = [...new Set(r.violations.map((v) => v.property))];
  const found = props.length === 1 && props[0] === 'deadlock' ? 'deadlock' : `violation of ${props.join(', ')}`;
  switch (r.status) {
    case 'ok':
      return 'ok';
    case 'violation':
      return found;
    case 'incomplete':
      return `incomplete (${r.reason})${props.length > 0 ? `: ${found}` : ''}`;
    case 'model-error':
      return `model error: ${r.message}`;
  }
}

/**
 * Loads and explores one scenario file (breadth-first) and judges the result
 * against its expectation; undefined for a module found in a directory that
 * exports no scenario (a helper). A bad file is a row with status `error`.
 */
export async function runScenarioTest(f: ScenarioFile, options: BfsOptions, mm: MmBuildOptions | undefined): Promise<ScenarioTestResult | undefined> {
  let built;
  let name;
  try {
    const entry = await loadScenarioEntry(f.path);
    name = entry.name;
    built = entry.build({ params: {}, ...(mm ? { mm } : {}) });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (f.found && e.message.endsWith("the module exports no 'scenario'")) return undefined;
    return {
      file: f.path,
      name: name ?? f.path,
      result: e.message.startsWith(f.path) ? e.message.slice(f.path.length + 2) : e.message,
      status: 'error',
      replaced: [],
      violations: [],
    };
  }
  const { result } = runExploration(built, 'bfs', options);
  const met = matchesExpected(built.expected ?? 'ok', built.expectedProperty, result);
  return {
    file: f.path,
    name,
    expected: describeExpectation({ verdict: built.expected ?? 'ok', ...(built.expectedProperty !== undefined ? { property: built.expectedProperty } : {}) }),
    result: describeResult(result),
    status: met ? 'pass' : 'fail',
    distinctStates: result.stats.distinctStates,
    seconds: result.stats.seconds,
    replaced: built.replaced ?? [],
    violations: result.violations.map((v) => ({ property: v.property, message: v.message })),
  };
}
