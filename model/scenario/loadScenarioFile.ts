/**
 * Loads a scenario file: `.json` (a Scenario) or a TypeScript/JavaScript
 * module (`.ts`, `.mts`, `.js`, `.mjs`) exporting `scenario` (and optionally
 * `programs`, the operations it adds, and `edits`, the programs or steps it
 * replaces) or a default ScenarioModule. `.ts` files load through tsx's
 * `tsImport` on Node 20. Every error is one ScenarioError line naming the
 * file (and the field). The scenario is also resolved and built once
 * (checkThreadArgs, buildInitialState) so that semantic errors surface at
 * load time.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ModelError } from '../../src/engine/Model.js';
import type { Program } from '../mm/step/Program.js';
import { CATALOG } from '../sites/catalog.js';
import { buildInitialState } from './buildInitialState.js';
import { checkThreadArgs } from './checkThreadArgs.js';
import type { ProgramEdit } from './ProgramEdit.js';
import { resolveScenario } from './resolveScenario.js';
import type { ScenarioModule } from './Scenario.js';
import { ScenarioError } from './ScenarioError.js';
import { validateScenario } from './validateScenario.js';

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

const isProgram = (p: unknown): p is Program =>
  typeof p === 'object' &&
  p !== null &&
  typeof (p as Program).name === 'string' &&
  Array.isArray((p as Program).steps) &&
  typeof (p as Program).locals === 'function';
const isEdit = (e: unknown): e is ProgramEdit =>
  typeof e === 'object' &&
  e !== null &&
  (((e as ProgramEdit).kind === 'program' && isProgram((e as { program: unknown }).program)) || (e as ProgramEdit).kind === 'step');

async function importModule(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(resolve(path)).href;
  if (['.ts', '.mts'].includes(extname(path))) {
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
  return (await import(url)) as Record<string, unknown>;
}

async function readModule(path: string): Promise<ScenarioModule> {
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(path);
  } catch (e) {
    throw new ScenarioError(`${path}: cannot load module: ${oneLine(e)}`);
  }
  const m = (mod['scenario'] !== undefined ? mod : mod['default']) as Record<string, unknown> | undefined;
  if (!m || m['scenario'] === undefined) throw new ScenarioError(`${path}: the module exports no 'scenario'`);
  const programs = m['programs'] ?? [];
  if (!Array.isArray(programs)) throw new ScenarioError(`${path}: programs: must be an array of programs`);
  programs.forEach((p, i) => isProgram(p) || fail(`programs[${i}]: must be a program (name, locals, steps)`));
  const edits = m['edits'] ?? [];
  if (!Array.isArray(edits)) throw new ScenarioError(`${path}: edits: must be an array (replaceProgram, replaceStep)`);
  edits.forEach((e, i) => isEdit(e) || fail(`edits[${i}]: must be made by replaceProgram or replaceStep`));
  return { scenario: validateScenario(m['scenario']), programs: programs as Program[], edits: edits as ProgramEdit[] };
}

const fail = (msg: string): never => {
  throw new ScenarioError(msg);
};

export async function loadScenarioFile(path: string): Promise<ScenarioModule> {
  try {
    let mod: ScenarioModule;
    if (extname(path) === '.json') {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        throw new ScenarioError(`cannot read: ${oneLine(e)}`);
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new ScenarioError(`invalid JSON: ${oneLine(e)}`);
      }
      mod = { scenario: validateScenario(json) };
    } else if (['.ts', '.mts', '.js', '.mjs'].includes(extname(path))) {
      mod = await readModule(path);
    } else {
      throw new ScenarioError('a scenario file ends in .json, .ts, .mts, .js or .mjs');
    }
    const r = resolveScenario(mod.scenario, CATALOG, { programs: mod.programs ?? [], edits: mod.edits ?? [] });
    checkThreadArgs(r.scenario, r.registry);
    buildInitialState(r.scenario, r.registry, false);
    return mod;
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof ModelError) {
      const msg = oneLine(e);
      throw new ScenarioError(msg.startsWith(path) ? msg : `${path}: ${msg}`);
    }
    throw e;
  }
}
