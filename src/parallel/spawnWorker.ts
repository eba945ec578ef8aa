import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker on a module given by its compiled URL (`.../x.js`, from
 * `new URL('./x.js', import.meta.url)`). From dist/ the module is plain
 * JavaScript and runs as is. From TypeScript sources (vitest) only `x.ts`
 * exists: the worker then registers `tsSourceHooks.mjs`, which transpiles
 * each source file on import, before importing it.
 */
export function spawnWorker(module: URL): Worker {
  if (existsSync(fileURLToPath(module))) return new Worker(module);
  const source = new URL(module.href.replace(/\.js$/, '.ts'));
  if (!module.href.endsWith('.js') || !existsSync(fileURLToPath(source))) {
    throw new Error(`worker module ${fileURLToPath(module)} not found (nor its .ts source)`);
  }
  const hooks = new URL('./tsSourceHooks.mjs', import.meta.url);
  const bootstrap = [
    `require('node:module').register(${JSON.stringify(hooks.href)});`,
    `import(${JSON.stringify(source.href)}).catch((e) => { process.nextTick(() => { throw e; }); });`,
  ].join('\n');
  return new Worker(bootstrap, { eval: true });
}
