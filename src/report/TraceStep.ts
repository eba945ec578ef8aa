import type { Model } from '../engine/Model.js';
import type { TracePath } from '../engine/ExploreResult.js';
import { replay } from '../engine/replay.js';

type Value = string | number | boolean;

/** One step of a readable trace: who moved, at which label, and what changed. */
export interface TraceStep {
  readonly step: number;
  readonly thread: string;
  readonly label: string;
  /** The label as text traces show it (shorter), when the model gives one. */
  readonly brief?: string;
  /** Changed state variables: name -> [before, after]; absent before/after is `null`. */
  readonly changes: Readonly<Record<string, readonly [Value | null, Value | null]>>;
}

export interface ReadableTrace {
  readonly initial: Readonly<Record<string, Value>>;
  readonly steps: readonly TraceStep[];
  /** After a model error: the step that raised it (it has no successor, so no changes). */
  readonly failing?: Omit<TraceStep, 'changes'>;
}

/** Replays `trace` and describes each step by the model's own words. */
export function readableTrace<S, A>(model: Model<S, A>, trace: TracePath): ReadableTrace {
  const r = replay(model, trace);
  const views = r.states.map((s) => model.describeState(s));
  const steps = r.actions.map((a, i): TraceStep => {
    const { thread, label, brief } = model.describeAction(r.states[i]!, a);
    return { step: i + 1, thread, label, ...(brief !== undefined && brief !== label ? { brief } : {}), changes: diff(views[i]!, views[i + 1]!) };
  });
  return { initial: views[0]!, steps };
}

function diff(a: Readonly<Record<string, Value>>, b: Readonly<Record<string, Value>>): Record<string, [Value | null, Value | null]> {
  const out: Record<string, [Value | null, Value | null]> = {};
  for (const k of Object.keys(a)) if (a[k] !== b[k]) out[k] = [a[k]!, b[k] ?? null];
  for (const k of Object.keys(b)) if (!(k in a)) out[k] = [null, b[k]!];
  return out;
}

/** The trace of a model error: the steps to the state where it was raised, and the step that raised it (`action`), if one did. */
export function readableErrorTrace<S, A>(model: Model<S, A>, trace: TracePath, action: number | undefined): ReadableTrace {
  const t = readableTrace(model, trace);
  if (action === undefined) return t;
  const last = replay(model, trace).final;
  const acts: A[] = [];
  model.actions(last, acts);
  const a = acts[action];
  if (a === undefined) return t;
  const { thread, label, brief } = model.describeAction(last, a);
  return { ...t, failing: { step: t.steps.length + 1, thread, label, ...(brief !== undefined && brief !== label ? { brief } : {}) } };
}
