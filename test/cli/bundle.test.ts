import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, type Bundle } from '../../src/build/bundle.js';
import { prefilterFiles, type PrefilterResult } from '../../src/conform/prefilterFiles.js';
import type { PrefilterJob } from '../../src/conform/prefilterParallel.js';
import { runInWorkers } from '../../src/parallel/runInWorkers.js';
import { compiledTree } from './util/compiledTree.js';

const exec = promisify(execFile);
interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

let tree = '';
let bundle: Bundle;

/**
 * The bundled executable (src/build/bundle.ts, `npm run build`), built here
 * from a compiled tree as `npm run build` builds it from dist/ (CI runs
 * `npm test` without a build), against that tree's dist/src/cli/mnc.js.
 */
beforeAll(async () => {
  tree = await compiledTree();
  bundle = await bundleCli(tree);
});
afterAll(() => rmSync(tree, { recursive: true, force: true }));

async function run(entry: string, ...args: string[]): Promise<Run> {
  return exec(process.execPath, [entry, ...args], { maxBuffer: 1 << 28 }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
  );
}
const fromBundle = (...args: string[]) => run(join(bundle.dir, 'mnc.mjs'), ...args);
const fromTree = (...args: string[]) => run(join(tree, 'src/cli/mnc.js'), ...args);
const withoutTimes = <T extends { seconds: number }>(rows: readonly T[]) => rows.map((r) => ({ ...r, seconds: 0 }));

describe('the bundled mnc (dist/bundle/mnc.mjs)', () => {
  it('has an entry for each worker thread module, and every module URL in it names a file of the bundle', () => {
    expect(Object.keys(bundle.entries).sort()).toEqual(['checkWorker', 'mnc', 'prefilterWorker', 'sweepWorker']);
    const files = readdirSync(bundle.dir);
    const named = files.flatMap((f) =>
      [...readFileSync(join(bundle.dir, f), 'utf8').matchAll(/new URL\("\.\/([^"]+)", import\.meta\.url\)/g)].map((m) => m[1]),
    );
    // tsSourceHooks.mjs: spawnWorker's path for a worker that exists only as TypeScript, never taken from the bundle.
    const workers = named.filter((n) => n !== 'tsSourceHooks.mjs');
    expect(workers.sort()).toEqual(['checkWorker.mjs', 'prefilterWorker.mjs', 'sweepWorker.mjs']);
    for (const w of workers) expect(files).toContain(w);
  });

  it('prints what the compiled CLI prints: help, listings, a conformance report, one line for bad input', async () => {
    const patch = join(import.meta.dirname, '../fixtures/mmu-notifier-event-vma-v4-2of9.patch.txt');
    for (const args of [['--help'], ['sites'], ['ops', '--json'], ['conform', '--patch', patch, '--format', 'sarif'], ['check', '--bogus']]) {
      const [b, t] = await Promise.all([fromBundle(...args), fromTree(...args)]);
      expect({ args, ...b }).toEqual({ args, ...t });
    }
    const bad = await fromBundle('check', '--site', '99');
    expect(bad).toEqual({ code: 2, out: '', err: "mnc: --site 99: expected a catalog id (1..28; see 'mnc sites')\n" });
  });

  it('mnc check --jobs 2 runs its workers from the bundle and gives the rows of --jobs 1', async () => {
    const args = ['check', '--site', '24', '--json'];
    const [b, t] = await Promise.all([fromBundle(...args, '--jobs', '2'), fromTree(...args, '--jobs', '1')]);
    expect(b.err).toBe('');
    expect(b.code).toBe(t.code);
    expect(withoutTimes(JSON.parse(b.out))).toEqual(withoutTimes(JSON.parse(t.out)));
  });

  it('mnc sweep --jobs 2 runs its workers from the bundle, gives the records of --jobs 1, and caches by the bundle', async () => {
    const out = join(tree, 'sweep-out');
    const args = (dir: string, jobs: string) => [
      'sweep',
      '--scope',
      'small',
      '--site',
      '24',
      '--shard',
      '1/8',
      '--json',
      '--out',
      join(out, dir),
      '--jobs',
      jobs,
    ];
    const [b, t] = await Promise.all([fromBundle(...args('bundle', '2')), fromTree(...args('tree', '1'))]);
    expect(b.code).toBe(t.code);
    const [br, tr] = [JSON.parse(b.out), JSON.parse(t.out)];
    expect(br.records.length).toBeGreaterThan(10);
    expect(withoutTimes(br.records)).toEqual(withoutTimes(tr.records));
    // The cache key from the bundle is a hash of its files (its sources are not separate files): the same build, all cached.
    expect(br.summary.modelHash).toMatch(/^[0-9a-f]{16}$/);
    const again = JSON.parse((await fromBundle(...args('bundle', '2'))).out);
    expect(again.summary.modelHash).toBe(br.summary.modelHash);
    expect(again.records.every((r: { cached?: boolean }) => r.cached === true)).toBe(true);
  });

  it("the conformance prefilter's worker runs from the bundle and finds what the in-process prefilter finds", async () => {
    // mnc conform --tree starts it only on a large tree and an idle machine: started here directly.
    const dir = join(tree, 'c-sources');
    mkdirSync(dir);
    const paths = Array.from({ length: 8 }, (_, i) => join(dir, `f${i}.c`));
    paths.forEach((p, i) => writeFileSync(p, i % 3 === 0 ? `void f${i}(void) { struct mmu_notifier_range r; }\n` : `int g${i};\n`));
    const jobs: PrefilterJob[] = [paths.slice(0, 4), paths.slice(4)].map((p) => ({ paths: p, needle: 'mmu_notifier_range', maxBytes: 1 << 20 }));
    const module = pathToFileURL(join(bundle.dir, 'prefilterWorker.mjs'));
    const parts = await runInWorkers<PrefilterJob, PrefilterResult>(module, jobs, 2);
    const hits = (r: readonly PrefilterResult[]) => r.flatMap((p) => p.hits.map((h) => [h.path, Buffer.from(h.bytes).toString('utf8')]));
    expect(hits(parts)).toEqual(hits([prefilterFiles(paths, 'mmu_notifier_range', 1 << 20)]));
    expect(hits(parts).length).toBe(3);
  });
});
