/**
 * Shape check of a scenario (a parsed JSON file, a module's export) against
 * the one schema (scenarioSchema.ts): the first problem as one ScenarioError
 * line naming the field (`threads[1].op: must be a string`); an unknown
 * field names the closest known ones. Semantic checks (overlaps, unknown
 * operations, argument ranges) are in checkThreadArgs and buildInitialState.
 */
import type { z } from 'zod';
import { didYouMean } from './closestNames.js';
import type { Scenario } from './Scenario.js';
import { ScenarioError } from './ScenarioError.js';
import { ScenarioSchema } from './scenarioSchema.js';

type Path = readonly PropertyKey[];

/** `threads[1].args.mm`, `profiles.v5.2.expect`. */
export function fieldPath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || 'scenario';
}

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The field names the schema allows for the object at `path`. */
function knownFields(path: Path): string[] {
  let s: z.ZodType | undefined = ScenarioSchema;
  const unwrap = () => {
    while (s && (defOf(s).type === 'readonly' || defOf(s).type === 'optional')) s = defOf(s).innerType;
  };
  for (const p of path) {
    unwrap();
    if (!s) return [];
    const d = defOf(s);
    s = d.type === 'object' ? d.shape?.[String(p)] : d.type === 'array' ? d.element : d.type === 'record' ? d.valueType : undefined;
  }
  unwrap();
  const d = s ? defOf(s) : undefined;
  return d?.type === 'object' ? Object.keys(d.shape ?? {}).filter((k) => k !== '$schema') : [];
}

export function validateScenario(v: unknown): Scenario {
  const r = ScenarioSchema.safeParse(v);
  if (r.success) return r.data;
  const iss = r.error.issues[0]!;
  if (iss.code === 'unrecognized_keys') {
    const key = iss.keys[0]!;
    const known = knownFields(iss.path);
    throw new ScenarioError(`${fieldPath([...iss.path, key])}: unknown field${didYouMean(key, known)} (known: ${known.join(', ')})`);
  }
  throw new ScenarioError(`${fieldPath(iss.path)}: ${iss.message}`);
}
