import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { basename } from 'node:path';

describe('the test run temporary root (test/util/tempRoot.ts)', () => {
  it('gives the tests a temporary directory of the run, removed when the run ends', () => {
    expect(basename(tmpdir())).toMatch(/^mnc-vitest-run-/);
  });
});
