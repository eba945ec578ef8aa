import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { UsageError } from './UsageError.js';

export const SCENARIO_EXTENSIONS = ['.json', '.ts', '.mts', '.js', '.mjs'];
/** JSON files in a directory that are never scenarios. */
const NOT_SCENARIOS = /(^package(-lock)?\.json|^tsconfig.*\.json|\.schema\.json|\.d\.ts)$/;

export interface ScenarioFile {
  readonly path: string;
  /** Found by walking a directory (a module there that exports no scenario is a helper, skipped). */
  readonly found: boolean;
}

/** The scenario files the arguments name: files as given, directories walked (sorted, recursively, node_modules and dot-folders left out). */
export function scenarioFiles(args: readonly string[]): ScenarioFile[] {
  const out: ScenarioFile[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p);
      } else if (SCENARIO_EXTENSIONS.includes(extname(e.name)) && !NOT_SCENARIOS.test(e.name)) out.push({ path: p, found: true });
    }
  };
  for (const a of args) {
    let st;
    try {
      st = statSync(a);
    } catch {
      throw new UsageError(`${a}: no such file or directory`);
    }
    if (st.isDirectory()) walk(a);
    else out.push({ path: a, found: false });
  }
  return out;
}
