/**
 * The public API from outside the repository: a scenario module in a
 * temporary folder imports 'mnc' (node_modules/mnc linked to the package:
 * its package.json exports, the compiled tree in dist/) and `mnc test` runs
 * it, `.ts` included, with Node 20 alone.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledTree } from './util/compiledTree.js';

const run = promisify(execFile);
let pkg = '';
let user = '';

beforeAll(async () => {
  pkg = await compiledTree('dist');
  copyFileSync('package.json', join(pkg, 'package.json'));
  copyFileSync('model/scenario/scenario.schema.json', join(pkg, 'scenario.schema.json'));
  user = mkdtempSync(join(tmpdir(), 'mnc-user-'));
  mkdirSync(join(user, 'node_modules'));
  symlinkSync(pkg, join(user, 'node_modules', 'mnc'), 'dir');
}, 120_000); // transpiling the tree takes seconds, more under load
afterAll(() => {
  rmSync(pkg, { recursive: true, force: true });
  rmSync(user, { recursive: true, force: true });
});

const SCENARIO = `{
  name: 'abba outside the repository',
  expect: 'deadlock' as const,
  geometry: { ptesPerTable: 1, pmdsPerTable: 1, puds: 1 },
  frames: 1,
  mms: [{ vmas: [] }, { vmas: [] }],
  threads: [{ name: 'a', op: 'ab' }, { name: 'b', op: 'ba' }],
}`;
const PROGRAMS = `
const sem = (mm: number) => () => LockName.mmapSem(mm);
const abba = (name: string, x: number, y: number) => defineProgram({
  name, locals: () => ({}),
  steps: [lockStep('down_write(x)', 'user', sem(x)), lockStep('down_write(y)', 'user', sem(y)), unlockStep('up_write(y)', 'user', sem(y)), unlockStep('up_write(x)', 'user', sem(x), 'w', () => DONE)],
});
export const programs = [abba('ab', 0, 1), abba('ba', 1, 0)];`;

describe("a scenario module outside the repository imports 'mnc'", () => {
  it('.ts and .mjs modules load and meet their expectation under mnc test', async () => {
    writeFileSync(
      join(user, 'abba.ts'),
      `import { DONE, LockName, defineProgram, defineScenario, lockStep, unlockStep, type Scenario } from 'mnc';\n` +
        `export const scenario: Scenario = defineScenario(${SCENARIO});\n${PROGRAMS}\n`,
    );
    writeFileSync(
      join(user, 'abba.mjs'),
      `import { DONE, LockName, defineProgram, defineScenario, lockStep, unlockStep } from 'mnc';\n` +
        `export const scenario = defineScenario(${SCENARIO.replace(' as const', '')});\n${PROGRAMS.replace(/: (number|string)/g, '')}\n`,
    );
    const r = await run(process.execPath, [join(pkg, 'dist/src/cli/mnc.js'), 'test', user], { cwd: user }).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^2 passed/m);
    expect(r.stdout).toMatch(/^pass +\S*abba\.mjs +deadlock +deadlock/m);
    expect(r.stdout).toMatch(/^pass +\S*abba\.ts +deadlock +deadlock/m);
    expect(r.stdout).toMatch(/^2 passed, 0 failed$/m);
  });
});
