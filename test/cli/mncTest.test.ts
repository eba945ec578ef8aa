/** `mnc test`: scenario files judged against their own expectations; the shipped suite runs green. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMnc } from './util/runMnc.js';

const SUITE = 'test/scenarios';
const dir = mkdtempSync(join(tmpdir(), 'mnc-test-'));

describe('mnc test', () => {
  it('the shipped suite (violations, a deadlock, faulty variants as data and modules, controls) meets every expectation: exit 0', async () => {
    const junit = join(dir, 'suite.xml');
    const r = await runMnc('test', SUITE, '--junit', junit);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^7 passed, 0 failed$/m);
    expect(r.out).toMatch(/^pass +test\/scenarios\/abba-deadlock\.ts +deadlock +deadlock /m);
    expect(r.out).toMatch(/replaced: step kvm\.invalidate_range_end:mmu_notifier_count--/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuite name="mnc test" tests="7" failures="0" errors="0"/);
  });

  it('an unmet expectation exits 1 and is named; --json and --junit say the same', async () => {
    const d = join(dir, 'unmet');
    mkdirSync(d);
    copyFileSync(join(SUITE, 'mprotect-vs-kvm-write.json'), join(d, 'control.json'));
    const flipped = JSON.parse(readFileSync(join(SUITE, 'mprotect-vs-kvm-write.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(d, 'wrong.json'), JSON.stringify({ ...flipped, name: 'wrong', expect: 'violation', expectProperty: 'mirror-coherence' }));
    writeFileSync(join(d, 'helper.mjs'), 'export const x = 1;\n'); // a module without a scenario, found by the walk: skipped
    const r = await runMnc('test', d, '--junit', join(dir, 'unmet.xml'));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`unmet: ${join(d, 'wrong.json')} (wrong): expected violation of mirror-coherence, got ok`);
    expect(r.out).toMatch(/^1 passed, 1 failed$/m);
    expect(readFileSync(join(dir, 'unmet.xml'), 'utf8')).toMatch(
      /failures="1" errors="0"[\s\S]*<failure type="unmet-expectation" message="expected violation of mirror-coherence, got ok"/,
    );
    const j = await runMnc('test', d, '--json');
    const o = JSON.parse(j.out) as { passed: number; failed: number; scenarios: { name: string; status: string }[] };
    expect([o.passed, o.failed]).toEqual([1, 1]);
    expect(o.scenarios.map((s) => [s.name, s.status])).toEqual([
      ['mprotect vs kvm-write (control)', 'pass'],
      ['wrong', 'fail'],
    ]);
  });

  it('--override, --mutant and --events apply to every file, and what they replaced is printed', async () => {
    const r = await runMnc('test', join(SUITE, 'mprotect-vs-kvm-write.json'), '--override', '24:end=addr');
    expect(r.code).toBe(1);
    expect(r.out).toContain('replaced: site 24: end=addr');
    expect(r.out).toContain('expected ok, got violation of change-covered');
  });

  it('a file that does not load is a row with its one-line error, and exit 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x' }));
    const r = await runMnc('test', bad, join(SUITE, 'abba-deadlock.ts'));
    expect(r.code).toBe(2);
    expect(r.out).toContain(`error: ${bad} (${bad}): expect: required`);
    expect(r.out).toMatch(/^1 passed, 0 failed, 1 not loaded$/m);
    expect((await runMnc('test', join(dir, 'nothing-here'))).code).toBe(2);
  });
});

describe('mnc explore --scenario says whether the expectation was met', () => {
  it('text and JSON', async () => {
    const f = join(SUITE, 'mprotect-empty-range-vs-kvm-write.json');
    const r = await runMnc('explore', '--scenario', f);
    expect(r.code).toBe(1);
    expect(r.out).toContain('expected: violation of change-covered: met');
    const j = JSON.parse(
      (await runMnc('explore', '--scenario', join(SUITE, 'mprotect-vs-kvm-write.json'), '--override', '24:end=addr', '--json')).out,
    ) as Record<string, unknown>;
    expect(j['expected']).toEqual({ verdict: 'ok' });
    expect(j['expectationMet']).toBe(false);
    expect(j['replaced']).toEqual(['site 24: end=addr']);
  });
});
