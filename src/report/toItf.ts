import type { Model } from '../engine/Model.js';
import type { TracePath } from '../engine/ExploreResult.js';
import { replay } from '../engine/replay.js';

type Value = string | number | boolean;
type ItfValue = string | boolean | { '#bigint': string };

/** An ITF trace (the Informal Trace Format of Apalache and Quint), for other tools to read. */
export interface ItfTrace {
  readonly '#meta': { readonly format: 'ITF'; readonly 'format-description': string; readonly source: string; readonly description: string };
  readonly vars: readonly string[];
  readonly states: readonly Record<string, unknown>[];
}

/** Integers are ITF big integers; other numbers are written as strings. */
function itfValue(v: Value): ItfValue {
  if (typeof v === 'number') return Number.isInteger(v) ? { '#bigint': String(v) } : String(v);
  return v;
}

/**
 * A trace as ITF: one state per step, every variable of the model's flat
 * view (`describeState`; a variable a state lacks is written as "-"), each
 * state tagged in `#meta` with the action that made it.
 */
export function toItf<S, A>(model: Model<S, A>, trace: TracePath, description: string): ItfTrace {
  const r = replay(model, trace);
  const views = r.states.map((s) => model.describeState(s));
  const vars = [...new Set(views.flatMap((v) => Object.keys(v)))].sort();
  const states = views.map((v, i) => {
    const meta: Record<string, unknown> = { index: i };
    if (i > 0) {
      const { thread, label } = model.describeAction(r.states[i - 1]!, r.actions[i - 1]!);
      meta['action'] = `${thread}: ${label}`;
    }
    return { '#meta': meta, ...Object.fromEntries(vars.map((k) => [k, k in v ? itfValue(v[k]!) : '-'])) };
  });
  return {
    '#meta': { format: 'ITF', 'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html', source: model.name, description },
    vars,
    states,
  };
}
