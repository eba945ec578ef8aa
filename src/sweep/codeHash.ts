import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A hash of every source file (`.ts`, `.js`, `.mjs`) under `roots`: the incremental
 * cache key of a sweep (the model, the properties, the engine and the job
 * runner). Any change to any of them re-explores every configuration;
 * `exclude` names files (or `/folders/`) that cannot change a result (the
 * list of known findings: cached records are triaged again).
 */
export function codeHash(roots: readonly string[], exclude: readonly string[] = []): string {
  const h = createHash('sha256');
  for (const root of roots) {
    for (const file of listSources(root)) {
      if (exclude.some((x) => (x.endsWith('/') ? file.includes(x) : file.endsWith(x)))) continue;
      h.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return h.digest('hex').slice(0, 16);
}

function listSources(path: string): string[] {
  const st = statSync(path);
  if (st.isFile()) return [path];
  const out: string[] = [];
  for (const name of readdirSync(path).sort()) {
    const p = join(path, name);
    if (statSync(p).isDirectory()) out.push(...listSources(p));
    else if (/\.(ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}
