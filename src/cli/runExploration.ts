import type { Built } from './ScenarioEntry.js';
import type { BfsOptions } from '../engine/bfs.js';
import { bfs } from '../engine/bfs.js';
import { dfs } from '../engine/dfs.js';
import type { ExploreResult } from '../engine/ExploreResult.js';
import { readableErrorTrace, readableTrace, type ReadableTrace } from '../report/TraceStep.js';
import { minimiseViolation } from '../shrink/minimiseTrace.js';

export interface Explored {
  readonly result: ExploreResult;
  /** Readable traces of the violations, in order, then of the model error if the run ended in one. */
  readonly traces: readonly (ReadableTrace | undefined)[];
}

/**
 * Runs one exhaustive exploration and replays its counterexamples into
 * readable traces. Depth-first counterexamples are not shortest: with
 * `minimise` they go through the trace minimiser first (breadth-first ones
 * already are shortest).
 */
export function runExploration(built: Built, strategy: 'bfs' | 'dfs', options: BfsOptions, minimise = true): Explored {
  const raw = strategy === 'bfs' ? bfs(built.model, built.properties, options) : dfs(built.model, built.properties, options);
  const result =
    strategy === 'dfs' && minimise && raw.status !== 'model-error' && raw.violations.length > 0
      ? ({ ...raw, violations: raw.violations.map((v) => minimiseViolation(built.model, built.properties, v)) } as ExploreResult)
      : raw;
  const traceOf = (t: Parameters<typeof readableTrace>[1]) =>
    t.path.length === 0 && result.status !== 'model-error' ? undefined : readableTrace(built.model, t);
  const traces = [
    ...result.violations.map((v) => traceOf(v.trace)),
    ...(result.status === 'model-error' ? [traceOfModelError(built, result.trace, result.action)] : []),
  ];
  return { result, traces };
}

function traceOfModelError(built: Built, t: Parameters<typeof readableTrace>[1], action: number | undefined): ReadableTrace | undefined {
  try {
    return readableErrorTrace(built.model, t, action);
  } catch {
    return undefined;
  }
}
