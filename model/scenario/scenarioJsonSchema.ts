import { z } from 'zod';
import { ScenarioSchema } from './scenarioSchema.js';

/** Drops what zod adds but an editor does not need: `readOnly` (the TS types are readonly) and the safe-integer bounds of every integer. */
function tidy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(tidy);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'readOnly') continue;
    if ((k === 'minimum' || k === 'maximum') && Math.abs(x as number) === Number.MAX_SAFE_INTEGER) continue;
    out[k] = tidy(x);
  }
  return out;
}

/** The published JSON Schema of scenario files (scenario.schema.json, `npm run schema`), generated from the one schema. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return { ...(tidy(z.toJSONSchema(ScenarioSchema, { target: 'draft-2020-12', io: 'input' })) as Record<string, unknown>), title: 'mnc scenario' };
}
