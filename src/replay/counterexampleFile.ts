import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { writeAtomic } from '../util/writeAtomic.js';
import { COUNTEREXAMPLE_FORMAT, COUNTEREXAMPLE_VERSION, type Counterexample } from './Counterexample.js';
import type { NamedStep } from './NamedStep.js';

const KINDS = ['invariant', 'step', 'terminal', 'deadlock'];

/**
 * Writes `cex` as JSON atomically. Its `scenarioFile` (a path from the
 * working directory) is stored relative to the counterexample's directory,
 * with the file's sha256; a checksum covers what replays.
 */
export function writeCounterexample(file: string, cex: Counterexample): void {
  let out: Counterexample = cex;
  if (cex.scenarioFile !== undefined) {
    const from = dirname(resolve(file));
    const rel = relative(from, resolve(cex.scenarioFile));
    out = { ...cex, scenarioFile: isAbsolute(cex.scenarioFile) && rel.startsWith('..') ? resolve(cex.scenarioFile) : rel };
    const sha = sha256Of(cex.scenarioFile);
    if (sha !== undefined) out = { ...out, scenarioSha256: sha };
  }
  writeAtomic(file, JSON.stringify({ ...out, checksum: checksumOf(out) }, null, 2) + '\n');
}

/** Where `cex.scenarioFile` is: beside the counterexample `file`; for files saved before, from the working directory. */
export function scenarioPathOf(file: string, cex: Counterexample): string | undefined {
  if (cex.scenarioFile === undefined) return undefined;
  const beside = resolve(dirname(file), cex.scenarioFile);
  return existsSync(beside) || !existsSync(cex.scenarioFile) ? beside : cex.scenarioFile;
}

/** The sha256 of a file's bytes, or undefined when it cannot be read. */
export function sha256Of(path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}

function checksumOf(c: Counterexample): string {
  const what = [c.scenario, c.scenarioFile ?? null, c.scenarioSha256 ?? null, c.params ?? null, c.mm ?? null, c.property, c.kind, c.init, c.steps];
  return createHash('sha256').update(JSON.stringify(what)).digest('hex');
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
  if (problem !== undefined) return { ok: false, error: `${file}: ${problem}` };
  const { checksum, ...value } = json as Counterexample;
  if (checksum !== undefined && checksum !== checksumOf(value)) {
    return { ok: false, error: `${file}: checksum mismatch: the steps, params or scenario were edited or damaged since it was saved` };
  }
  return { ok: true, value };
}

function validate(j: unknown): string | undefined {
  if (typeof j !== 'object' || j === null) return 'not a counterexample object';
  const o = j as Record<string, unknown>;
  if (o.format !== COUNTEREXAMPLE_FORMAT) return `format is not "${COUNTEREXAMPLE_FORMAT}"`;
  if (o.version !== COUNTEREXAMPLE_VERSION) return `unsupported version ${JSON.stringify(o.version)}`;
  for (const f of ['scenario', 'property', 'message'] as const) if (typeof o[f] !== 'string') return `field ${f} must be a string`;
  if (o.scenarioFile !== undefined && typeof o.scenarioFile !== 'string') return 'field scenarioFile must be a string';
  if (o.checksum !== undefined && typeof o.checksum !== 'string') return 'field checksum must be a string';
  if (o.mm !== undefined && !isMm(o.mm)) return 'field mm must be {events: "seed"|"v5.2", overrides: [string], mutant?: string}';
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

function isMm(m: unknown): boolean {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  return (
    (o.events === 'seed' || o.events === 'v5.2') &&
    Array.isArray(o.overrides) &&
    o.overrides.every((x) => typeof x === 'string') &&
    (o.mutant === undefined || typeof o.mutant === 'string')
  );
}
