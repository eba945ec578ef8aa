import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledTree } from './util/compiledTree.js';
import { runMnc } from './util/runMnc.js';

const run = promisify(execFile);
let tree = '';

beforeAll(async () => {
  tree = await compiledTree();
});
afterAll(() => rmSync(tree, { recursive: true, force: true }));

const withoutTimes = (rows: { seconds: number }[]) => rows.map((r) => ({ ...r, seconds: 0 }));

describe('mnc check --jobs 2 from compiled JavaScript (the dist/ path)', () => {
  it('the worker entry runs from .js files alone and gives the in-process rows', async () => {
    expect(existsSync(join(tree, 'src/cli/checkWorker.js'))).toBe(true);
    expect(existsSync(join(tree, 'src/parallel/tsSourceHooks.mjs'))).toBe(false); // the TS-source path cannot be taken
    const args = ['check', '--site', '24', '--json'];
    const child = await run(process.execPath, [join(tree, 'src/cli/mnc.js'), ...args, '--jobs', '2']).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    const code = 'code' in child ? child.code : 0;
    expect(child.stderr).toBe('');
    const inProcess = await runMnc(...args, '--jobs', '1');
    expect(code).toBe(inProcess.code);
    expect(withoutTimes(JSON.parse(child.stdout))).toEqual(withoutTimes(JSON.parse(inProcess.out)));
  });

  it('bad input from the compiled CLI: one line, exit 2', async () => {
    const e = await run(process.execPath, [join(tree, 'src/cli/mnc.js'), 'check', '--site', '99']).then(
      () => ({ code: 0, stderr: '' }),
      (x: { code: number; stderr: string }) => x,
    );
    expect(e.code).toBe(2);
    expect(e.stderr).toBe("mnc: --site 99: expected a catalog id (1..28; see 'mnc sites')\n");
  });
});
