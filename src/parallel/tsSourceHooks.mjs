// Module hooks for a worker started from TypeScript sources (under vitest or
// any run that has no compiled dist/): `./x.js` resolves to `./x.ts` when only
// the source exists, and `.ts` files are transpiled with the project's own
// TypeScript (transpileModule: no type check, as vitest does).
// Plain JavaScript on purpose: it runs before any TypeScript can be loaded.
// src/parallel/spawnWorker.ts registers it; compiled runs never load it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export async function resolve(specifier, context, next) {
  const parent = context.parentURL;
  if (parent?.startsWith('file:') && parent.endsWith('.ts') && /^\.\.?\//.test(specifier) && specifier.endsWith('.js')) {
    const url = new URL(specifier, parent);
    if (!existsSync(fileURLToPath(url))) {
      const ts_ = new URL(specifier.slice(0, -3) + '.ts', parent);
      if (existsSync(fileURLToPath(ts_))) return { url: ts_.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const path = fileURLToPath(url);
  const out = ts.transpileModule(readFileSync(path, 'utf8'), {
    fileName: path,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, inlineSourceMap: true },
  });
  return { format: 'module', source: out.outputText, shortCircuit: true };
}
