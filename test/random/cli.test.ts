import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'mnc-random-cli-'));

/** Runs `mnc ARGS` in-process: exit code, stdout and stderr. */
async function mnc(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const code = await main(args);
  vi.restoreAllMocks();
  return { code, out, err };
}

afterEach(() => vi.restoreAllMocks());

const NOCOUNT = ['kvm-race', '--set', 'P=2', '--set', 'F=2', '--set', 'Z=1', '--set', 'M=1', '--variant', 'nocount'];

describe('mnc random on kvm-race nocount', () => {
  for (const strategy of ['uniform', 'pct', 'swarm']) {
    it(`${strategy} finds the missing count check, prints the seed, saves a trace that replays`, async () => {
      const file = join(dir, `${strategy}.json`);
      const r = await mnc('random', ...NOCOUNT, '--strategy', strategy, '--seed', '11', '--runs', '300', '--depth', '200', '--out', file);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`strategy ${strategy}, seed 11`);
      expect(r.out).toMatch(/violation of spte-coherence/);
      expect(r.out).toMatch(/--seed 11 .*--path \d/);
      const saved = JSON.parse(readFileSync(file, 'utf8'));
      expect(saved.origin).toMatchObject({ by: 'random', strategy, seed: 11 });
      const again = await mnc('replay', file);
      expect(again.code).toBe(1);
      expect(again.out).toMatch(/still fails: spte-coherence/);
    });
  }

  it('same seed, same JSON (up to timings)', async () => {
    const run = async () => {
      const r = await mnc('random', ...NOCOUNT, '--strategy', 'swarm', '--seed', '5', '--runs', '200', '--depth', '200', '--json');
      return JSON.parse(r.out.replace(/"seconds": [\d.]+/g, '"seconds": 0'));
    };
    const a = await run();
    expect(a.results[0].status).toBe('violation');
    const { found, shrunk, minimised } = a.results[0].lengths;
    expect(minimised).toBeLessThanOrEqual(shrunk);
    expect(shrunk).toBeLessThanOrEqual(found);
    expect(a.results[0].trace).toHaveLength(minimised);
    expect(await run()).toEqual(a);
  });

  it('--vary-params draws smaller scenarios within the given bounds, the same for the same seed', async () => {
    const run = async () => {
      const r = await mnc('random', ...NOCOUNT, '--vary-params', '--seed', '8', '--runs', '200', '--depth', '200', '--json');
      return JSON.parse(r.out.replace(/"seconds": [\d.]+/g, '"seconds": 0'));
    };
    const a = await run();
    const res = a.results[0];
    expect(res.status).toBe('violation');
    const bounds: Record<string, number> = { P: 2, F: 2, Z: 1, M: 1 };
    for (const [k, v] of Object.entries(res.params as Record<string, number>)) expect(v).toBeLessThanOrEqual(bounds[k]!);
    expect(res.replay).toContain('--vary-params');
    expect(await run()).toEqual(a);
  });

  it('the fixed model (count) no longer fails the saved trace: exit 0', async () => {
    const file = join(dir, 'uniform.json');
    await mnc('random', ...NOCOUNT, '--strategy', 'uniform', '--seed', '11', '--runs', '300', '--depth', '200', '--out', file);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    const fixed = join(dir, 'fixed.json');
    writeFileSync(fixed, JSON.stringify({ ...saved, checksum: undefined, params: { ...saved.params, variant: 'count' } }));
    const r = await mnc('replay', fixed);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no longer fails/);
  });

  it('--property hunts the named property only', async () => {
    const r = await mnc('random', ...NOCOUNT, '--property', 'spte-coherence', '--seed', '2', '--runs', '300', '--depth', '200', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).results[0].property).toBe('spte-coherence');
  });

  it('the correct model passes a short random run: exit 0', async () => {
    const r = await mnc('random', 'kvm-race', '--set', 'P=2', '--set', 'F=2', '--set', 'Z=1', '--set', 'M=1', '--seed', '1', '--runs', '50', '--depth', '200');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/no violation in 50 runs/);
  });
});

describe('a time budget', () => {
  it('--max-seconds stops a run that finds nothing: exit 3, says so', async () => {
    const r = await mnc(
      'random',
      'kvm-race',
      '--set',
      'P=1',
      '--set',
      'F=1',
      '--set',
      'Z=1',
      '--set',
      'M=0',
      '--seed',
      '1',
      '--runs',
      '1000000000',
      '--max-seconds',
      '1',
    );
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/no violation in \d+ runs, stopped by --max-seconds/);
  });

  it('--max-seconds takes a fraction of a second, as explore does (was: expected an integer, exit 2)', async () => {
    const quiet = ['random', 'kvm-race', '--set', 'P=1', '--set', 'F=1', '--set', 'Z=1', '--set', 'M=0', '--seed', '1', '--runs', '1000000000'];
    const t0 = performance.now();
    const r = await mnc(...quiet, '--max-seconds', '0.5');
    const seconds = (performance.now() - t0) / 1000;
    expect(r.err).toBe('');
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/no violation in \d+ runs, stopped by --max-seconds/);
    expect(seconds).toBeLessThan(5); // not rounded up to whole seconds or read as no budget
    const tiny = await mnc(...quiet, '--max-seconds', '0.0001'); // under a millisecond: still a budget, not none
    expect(tiny.code).toBe(3);
    expect((await mnc(...quiet, '--max-seconds', '0')).code).toBe(2);
  });
});

describe('bad input: one line, exit 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown strategy', ['random', 'kvm-race', '--strategy', 'dfs'], /--strategy dfs/],
    ['bad seed', ['random', 'kvm-race', '--seed', 'abc'], /--seed/],
    ['no scenario', ['random'], /name a scenario, or give --scenario FILE or --all/],
    ['both name and --all', ['random', 'kvm-race', '--all'], /not both/],
    ['name and --scenario', ['random', 'kvm-race', '--scenario', 'x.json'], /not several/],
    ['--out with --all', ['random', '--all', '--out', join(dir, 'x.json')], /--out needs a single scenario/],
    ['unknown scenario', ['random', 'nope'], /unknown scenario 'nope'/],
    ['unknown property', ['random', 'kvm-race', '--property', 'nope'], /--property nope: kvm-race has properties spte-coherence/],
    ['missing replay file', ['replay', join(dir, 'missing.json')], /missing\.json: cannot read/],
  ];
  for (const [what, args, why] of cases) {
    it(what, async () => {
      const r = await mnc(...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(why);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    });
  }

  it('a replay file for an unknown property', async () => {
    const file = join(dir, 'noprop.json');
    const steps: unknown[] = [];
    writeFileSync(
      file,
      JSON.stringify({ format: 'mnc-counterexample', version: 1, scenario: 'kvm-race', property: 'nope', kind: 'invariant', message: 'm', init: 0, steps }),
    );
    const r = await mnc('replay', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/has no property nope/);
  });
});
