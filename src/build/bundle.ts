import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * The bundled `mnc` executable: the compiled CLI (DIST/src/cli/mnc.js, from
 * tsc) as a few ES modules in one flat folder (DIST/bundle: mnc.mjs, one
 * entry per worker thread, the commands and the shared code as chunks),
 * so that start-up loads tens of modules rather than some six hundred.
 * Packages stay external (node_modules). tsc's tree stays as it is.
 *
 * A worker starts from `new URL('./x.js', import.meta.url)` (spawnWorker).
 * In the bundle import.meta.url is the URL of the output file the code ended
 * up in, not of its source, so each worker module named that way becomes an
 * entry of its own (found by scanning the tree, so a new worker needs no
 * edit here), and each reference to it is rewritten to `./x.mjs`: every
 * output file is in the one folder, so that resolves from any of them.
 * The other look-ups relative to a module's own URL: the sweep's cache key
 * (src/cli/commands/sweep.ts hashes the bundle's own files when it runs as
 * `.mjs`) and spawnWorker's TypeScript fallback (never taken: the workers
 * are there). test/cli/bundle.test.ts runs the commands from a bundle.
 */

/** `new URL('<relative .js path>', import.meta.url)` as tsc (and TypeScript's transpileModule) print it. */
const WORKER_URL = /new URL\((['"])(\.\.?\/[^'"]+\.js)\1, import\.meta\.url\)/g;

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return jsFiles(p);
    return e.name.endsWith('.js') ? [p] : [];
  });
}

/** The modules that `file` names with a literal `new URL('./x.js', import.meta.url)` and that exist: the worker entries. */
function workerTargets(file: string, text: string): string[] {
  return [...text.matchAll(WORKER_URL)].map((m) => resolve(dirname(file), m[2] ?? '')).filter((p) => existsSync(p));
}

export interface Bundle {
  /** The output folder. */
  readonly dir: string;
  /** Entry name (the output file's name without `.mjs`) to its module in the compiled tree. */
  readonly entries: Readonly<Record<string, string>>;
}

/** Bundles the compiled tree `dist` (which has src/, model/, properties/) into `out` (default `dist/bundle`), emptied first. */
export async function bundleCli(dist: string, out = join(dist, 'bundle')): Promise<Bundle> {
  const roots = ['src', 'model', 'properties'].map((d) => join(dist, d));
  const workers = new Set(roots.flatMap(jsFiles).flatMap((f) => workerTargets(f, readFileSync(f, 'utf8'))));
  const entries: Record<string, string> = { mnc: join(dist, 'src/cli/mnc.js') };
  for (const w of [...workers].sort()) {
    const name = basename(w, '.js');
    if (entries[name] !== undefined) throw new Error(`bundle: two entries named ${name}: ${entries[name]} and ${w}`);
    entries[name] = w;
  }
  const nameOf = new Map(Object.entries(entries).map(([name, path]) => [path, name]));
  const workerUrls: Plugin = {
    name: 'worker-urls',
    setup(b) {
      b.onLoad({ filter: /\.js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const contents = text.replace(WORKER_URL, (whole, _q: string, rel: string) => {
          const name = nameOf.get(resolve(dirname(args.path), rel));
          return name === undefined ? whole : `new URL('./${name}.mjs', import.meta.url)`;
        });
        return { contents, loader: 'js' };
      });
    },
  };
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: entries,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir: out,
    outExtension: { '.js': '.mjs' },
    plugins: [workerUrls],
    logLevel: 'warning',
  });
  return { dir: out, entries };
}
