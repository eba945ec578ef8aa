import type { Built } from './ScenarioEntry.js';
import type { BfsOptions } from '../engine/bfs.js';
import { bfs } from '../engine/bfs.js';
import { dfs } from '../engine/dfs.js';
import type { ExploreResult } from '../engine/ExploreResult.js';
import { readableTrace, type ReadableTrace } from '../report/TraceStep.js';

export interface Explored {
  readonly result: ExploreResult;
  /** Readable traces of the violations (and of a model error), in order. */
  readonly traces: readonly (ReadableTrace | undefined)[];
}

/** Runs one exhaustive exploration and replays its counterexamples into readable traces. */
export function runExploration(built: Built, strategy: 'bfs' | 'dfs', options: BfsOptions): Explored {
  const result = strategy === 'bfs' ? bfs(built.model, built.properties, options) : dfs(built.model, built.properties, options);
  const traceOf = (t: Parameters<typeof readableTrace>[1]) =>
    t.path.length === 0 && result.status !== 'model-error' ? undefined : readableTrace(built.model, t);
  const traces = result.status === 'model-error' ? [traceOfModelError(built, result.trace)] : result.violations.map((v) => traceOf(v.trace));
  return { result, traces };
}

function traceOfModelError(built: Built, t: Parameters<typeof readableTrace>[1]): ReadableTrace | undefined {
  // The last step threw: replay all but it.
  try {
    return readableTrace(built.model, { init: t.init, path: t.path.slice(0, -1) });
  } catch {
    return undefined;
  }
}
