// Module hooks for a worker started from TypeScript sources (under vitest or
// any run that has no compiled dist/): `./x.js` resolves to `./x.ts` when only
// the source exists, and `.ts` files are transpiled with the project's own
// TypeScript (transpileModule: no type check, as vitest does).
// Transpiling is slow (tens of ms a file), so the output is cached on disk
// by content hash in node_modules/.cache/mnc-ts-workers (written atomically: a unique temp
// name, then a rename. Not src/util/writeAtomic.ts, the one writer of mnc's outputs: these hooks
// run before any TypeScript can load, and a lost cache entry is only transpiled again).
// Plain JavaScript on purpose: it runs before any TypeScript can be loaded.
// src/parallel/spawnWorker.ts registers it; compiled runs never load it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// typescript (~10 MB of JavaScript) is loaded only on a cache miss.
let ts;
const TS_VERSION = JSON.parse(readFileSync(require.resolve('typescript/package.json'), 'utf8')).version;
const OPTIONS = { module: 'ESNext', target: 'ES2022', inlineSourceMap: true };
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/mnc-ts-workers/', import.meta.url));

export async function resolve(specifier, context, next) {
  const parent = context.parentURL;
  if (parent?.startsWith('file:') && parent.endsWith('.ts') && /^\.\.?\//.test(specifier) && specifier.endsWith('.js')) {
    const url = new URL(specifier, parent);
    if (!existsSync(fileURLToPath(url))) {
      const source = new URL(specifier.slice(0, -3) + '.ts', parent);
      if (existsSync(fileURLToPath(source))) return { url: source.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  return { format: 'module', source: await transpileCached(fileURLToPath(url)), shortCircuit: true };
}

/** The JavaScript of one TypeScript file, from the cache or transpiled (and cached). */
export async function transpileCached(path) {
  const text = readFileSync(path, 'utf8');
  const key = createHash('sha256')
    .update(`${TS_VERSION}\0${JSON.stringify(OPTIONS)}\0${path}\0${text}`)
    .digest('hex');
  const cached = join(CACHE, `${key}.js`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  ts ??= (await import('typescript')).default;
  const compilerOptions = { ...OPTIONS, module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 };
  const source = ts.transpileModule(text, { fileName: path, compilerOptions }).outputText;
  try {
    mkdirSync(CACHE, { recursive: true });
    const tmp = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, source);
    renameSync(tmp, cached);
  } catch {
    // no cache (read-only tree): transpile again next time
  }
  return source;
}
