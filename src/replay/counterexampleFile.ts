import { readFileSync } from 'node:fs';
import { writeAtomic } from '../util/writeAtomic.js';
import { COUNTEREXAMPLE_FORMAT, COUNTEREXAMPLE_VERSION, type Counterexample } from './Counterexample.js';
import type { NamedStep } from './NamedStep.js';

const KINDS = ['invariant', 'step', 'terminal', 'deadlock'];

/** Writes `cex` as JSON atomically (a temporary file beside it, then a rename). */
export function writeCounterexample(file: string, cex: Counterexample): void {
  writeAtomic(file, JSON.stringify(cex, null, 2) + '\n');
}

export type ReadResult = { readonly ok: true; readonly value: Counterexample } | { readonly ok: false; readonly error: string };

/** Reads and validates a saved counterexample; `error` is one line naming the file and what is wrong. */
export function readCounterexample(file: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, error: `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: `${file}: not JSON` };
  }
  const problem = validate(json);
  return problem === undefined ? { ok: true, value: json as Counterexample } : { ok: false, error: `${file}: ${problem}` };
}

function validate(j: unknown): string | undefined {
  if (typeof j !== 'object' || j === null) return 'not a counterexample object';
  const o = j as Record<string, unknown>;
  if (o.format !== COUNTEREXAMPLE_FORMAT) return `format is not "${COUNTEREXAMPLE_FORMAT}"`;
  if (o.version !== COUNTEREXAMPLE_VERSION) return `unsupported version ${JSON.stringify(o.version)}`;
  for (const f of ['scenario', 'property', 'message'] as const) if (typeof o[f] !== 'string') return `field ${f} must be a string`;
  if (o.scenarioFile !== undefined && typeof o.scenarioFile !== 'string') return 'field scenarioFile must be a string';
  if (typeof o.kind !== 'string' || !KINDS.includes(o.kind)) return `field kind must be one of ${KINDS.join(', ')}`;
  if (!Number.isInteger(o.init) || (o.init as number) < 0) return 'field init must be a non-negative integer';
  if (!Array.isArray(o.steps)) return 'field steps must be an array';
  const bad = o.steps.findIndex((s) => !isStep(s));
  return bad < 0 ? undefined : `steps[${bad}] must be {thread, label[, nth]}`;
}

function isStep(s: unknown): s is NamedStep {
  if (typeof s !== 'object' || s === null) return false;
  const o = s as Record<string, unknown>;
  return typeof o.thread === 'string' && typeof o.label === 'string' && (o.nth === undefined || (Number.isInteger(o.nth) && (o.nth as number) >= 0));
}
