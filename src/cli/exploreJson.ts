import type { Explored } from './runExploration.js';
import type { ReadableTrace } from '../report/TraceStep.js';

/** The `--json` object of one exploration: stable field names for CI. */
export function exploreJson(scenario: string, params: Record<string, number>, e: Explored): Record<string, unknown> {
  const r = e.result;
  return {
    scenario,
    params,
    status: r.status,
    ...(r.status === 'incomplete' ? { reason: r.reason } : {}),
    distinctStates: r.stats.distinctStates,
    transitions: r.stats.transitions,
    maxDepth: r.stats.maxDepth,
    seconds: Number(r.stats.seconds.toFixed(3)),
    statesPerSecond: Math.round(r.stats.statesPerSecond),
    bytesPerState: Number(r.stats.bytesPerState.toFixed(2)),
    ...(r.stats.por ? { por: r.stats.por } : {}),
    violations: r.violations.map((v, i) => ({
      property: v.property,
      kind: v.kind,
      message: v.message,
      trace: e.traces[i]?.steps ?? [],
    })),
    ...(r.status === 'model-error' ? { modelError: modelErrorJson(r.message, e.traces[r.violations.length]) } : {}),
  };
}

/** A model error in JSON: the message, the steps to it, and the step that raised it (`failingStep`, when one did). */
export function modelErrorJson(message: string, trace: ReadableTrace | undefined): Record<string, unknown> {
  return { message, trace: trace?.steps ?? [], ...(trace?.failing !== undefined ? { failingStep: trace.failing } : {}) };
}
