/**
 * Loads a scenario file: `.json` (a Scenario) or a TypeScript/JavaScript
 * module (`.ts`, `.js`, `.mjs`) exporting `scenario` (and optionally
 * `programs`, the operations it adds) or a default ScenarioModule.
 * Every error is one ScenarioError line naming the file (and the field).
 * The scenario is also built once (buildInitialState) so that semantic
 * errors surface at load time.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ModelError } from '../../src/engine/Model.js';
import type { Program } from '../mm/step/Program.js';
import { buildInitialState } from './buildInitialState.js';
import { defaultRegistry } from './defaultRegistry.js';
import type { ScenarioModule } from './Scenario.js';
import { ScenarioError } from './ScenarioError.js';
import { validateScenario } from './validateScenario.js';

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

async function readModule(path: string): Promise<ScenarioModule> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  } catch (e) {
    throw new ScenarioError(`${path}: cannot load module: ${oneLine(e)}`);
  }
  const m = (mod['scenario'] !== undefined ? mod : mod['default']) as Record<string, unknown> | undefined;
  if (!m || m['scenario'] === undefined) throw new ScenarioError(`${path}: the module exports no 'scenario'`);
  const programs = m['programs'];
  if (programs !== undefined && !Array.isArray(programs)) throw new ScenarioError(`${path}: programs: must be an array of programs`);
  return { scenario: validateScenario(m['scenario']), programs: (programs ?? []) as Program[] };
}

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
    } else if (['.ts', '.js', '.mjs'].includes(extname(path))) {
      mod = await readModule(path);
    } else {
      throw new ScenarioError('a scenario file ends in .json, .ts, .js or .mjs');
    }
    buildInitialState(mod.scenario, defaultRegistry(mod.programs ?? []));
    return mod;
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof ModelError) {
      const msg = oneLine(e);
      throw new ScenarioError(msg.startsWith(path) ? msg : `${path}: ${msg}`);
    }
    throw e;
  }
}
