import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = `${root}node_modules/dependency-cruiser/bin/dependency-cruise.mjs`;

function cruise(cwd: string, args: string[]): { code: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [bin, '--config', `${root}.dependency-cruiser.cjs`, '--output-type', 'err', ...args], { cwd, encoding: 'utf8' });
    return { code: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string };
    return { code: err.status, out: err.stdout };
  }
}

describe('layers (.dependency-cruiser.cjs)', () => {
  it('every rule fires on a tree that breaks it', () => {
    const { code, out } = cruise(`${root}test/fixtures/layers`, ['src', 'model', 'test', 'bench']);
    expect(code).not.toBe(0);
    for (const rule of [
      'engine-is-closed',
      'engine-side-does-not-import-model',
      'model-uses-engine-contract-only',
      'no-upward-from-tests',
      'toy-models-use-engine-only',
      'mm-state-below-its-programs',
      'bench-does-not-import-tests',
      'bench-uses-cli-api-only',
      'no-cycles',
    ]) {
      expect(out).toContain(`error ${rule}:`);
    }
  });

  it('bench imports tests and CLI internals nowhere, the public API freely (bench/b.ts)', () => {
    const { out } = cruise(`${root}test/fixtures/layers`, ['bench']);
    expect(out).toContain('error bench-does-not-import-tests: bench/b.ts → test/t.ts');
    expect(out).toContain('error bench-uses-cli-api-only: bench/b.ts → src/cli/cli.ts');
    expect(out).not.toContain('src/cli/api.ts');
  });

  it('a .mjs benchmark importing the build (dist/, unbuilt here) is held to the same rule (bench/m.mjs)', () => {
    const { out } = cruise(`${root}test/fixtures/layers`, ['bench']);
    expect(out).toContain('error bench-uses-cli-api-only: bench/m.mjs → ../dist/src/cli/cli.js');
    expect(out).not.toContain('dist/src/cli/api.js');
  });

  it('no-cycles counts type-only edges (model/t1.ts and t2.ts import only types of each other)', () => {
    const { code, out } = cruise(`${root}test/fixtures/layers`, ['model/t1.ts', 'model/t2.ts']);
    expect(code).not.toBe(0);
    expect(out).toMatch(/error no-cycles: model\/t[12]\.ts/);
  });
});
