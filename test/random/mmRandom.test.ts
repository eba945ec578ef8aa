import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMnc } from '../cli/util/runMnc.js';
import { randomCheckSpace } from '../../src/random/randomCheck.js';
import { replaySteps } from '../../src/replay/replaySteps.js';
import { mmScenarioArbitrary } from '../../model/scenario/arbitrary/mmScenarioArbitrary.js';
import { buildMmModel } from '../../model/MmModel.js';
import { mmProperties } from '../../properties/mmProperties.js';
import type { Scenario } from '../../model/scenario/Scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'mnc-mm-random-'));
const json = (out: string) => JSON.parse(out.replace(/"seconds": [\d.]+/g, '"seconds": 0'));

describe('mnc random on site scenarios', () => {
  it('a site scenario by name with a mutant: PCT finds the skipped retry, and the same seed gives the same result', async () => {
    const args = ['random', 'munmap-vs-kvm-fault', '--mutant', 'kvm-fault-skips-retry', '--strategy', 'pct', '--seed', '1', '--runs', '300', '--json'];
    const a = await runMnc(...args);
    expect(a.code).toBe(1);
    const r = json(a.out).results[0];
    expect(r).toMatchObject({ scenario: 'munmap-vs-kvm-fault', mutant: 'kvm-fault-skips-retry', status: 'violation', property: 'mirror-coherence' });
    expect(r.lengths.minimised).toBeLessThanOrEqual(r.lengths.found);
    expect(json((await runMnc(...args)).out)).toEqual(json(a.out));
  });

  it('--mutant alone runs on the mutant baseline; the correct site scenario passes', async () => {
    const m = await runMnc('random', '--mutant', 'kvm-fault-skips-retry', '--seed', '1', '--runs', '200', '--json');
    expect(m.code).toBe(1);
    expect(json(m.out).results[0]).toMatchObject({ scenario: 'dontneed-vs-kvm-fault', status: 'violation', property: 'mirror-coherence' });
    const ok = await runMnc('random', 'munmap-vs-kvm-fault', '--seed', '1', '--runs', '100');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/munmap-vs-kvm-fault: no violation in 100 runs/);
  });

  it('a known finding is marked as expected; a reconfigured scenario saves its scenario file and replays', async () => {
    const f = await runMnc('random', 'mprotect-at-zero-vs-kvm-read', '--seed', '1', '--runs', '100');
    expect(f.code).toBe(0); // as mnc check: a known finding is the scenario's expectation met (review D17; was exit 1)
    expect(f.out).toMatch(/violation of thread-ends-closed/);
    expect(f.out).toMatch(/expected: the scenario states this violation \(a known finding\)/);
    const out = join(dir, 'v52.json');
    const v = await runMnc('random', 'mprotect-at-zero-vs-kvm-read', '--events', 'v5.2', '--seed', '1', '--runs', '100', '--out', out);
    expect(v.code).toBe(0); // the same known finding under v5.2
    const saved = JSON.parse(readFileSync(out, 'utf8'));
    expect(saved.scenarioFile).toBe('v52.scenario.json'); // beside the counterexample (review D7)
    expect(saved.mm).toEqual({ events: 'v5.2', overrides: [] });
    expect(JSON.parse(readFileSync(join(dir, saved.scenarioFile), 'utf8')).profile).toBe('v5.2');
    const again = await runMnc('replay', out);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/still fails/);
  });

  it('--override changes a site event as in mnc check: munmap announced as PROTECTION_VMA breaks the event promise', async () => {
    const r = await runMnc('random', 'munmap-vs-kvm-fault', '--override', '16:event=PROTECTION_VMA', '--seed', '1', '--runs', '100', '--json');
    expect(r.code).toBe(1);
    expect(json(r.out).results[0]).toMatchObject({ status: 'violation', property: 'event-promise', overrides: ['16:event=PROTECTION_VMA'] });
  });

  it('a mutant written for another scenario that breaks on this one is a model error naming it (exit 4), not a crash', async () => {
    const r = await runMnc('random', 'dax-pmd-mkclean-vs-split', '--mutant', 'zap-vma-other-mm', '--seed', '1', '--runs', '20', '--no-minimise');
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/model error \(the scenario misused the model\): mutant zap-vma-other-mm does not fit this scenario: /);
  });

  it('--all --mutant runs every mm scenario (site scenarios and mm-random), not kvm-race', async () => {
    const r = await runMnc('random', '--all', '--mutant', 'zap-missing-end', '--runs', '1', '--depth', '40', '--seed', '1', '--no-minimise', '--json');
    const names = json(r.out).results.map((x: { scenario: string }) => x.scenario);
    expect(names).toContain('mm-random');
    expect(names).toContain('munmap-vs-kvm-fault');
    expect(names).not.toContain('kvm-race');
  });
});

describe('mm-random: scenario and schedule drawn and shrunk together', () => {
  it('the shrunk counterexample is no larger than the one found and still violates the same property', () => {
    const arbitrary = mmScenarioArbitrary();
    const build = (s: unknown) => ({ model: buildMmModel(s as Scenario), properties: mmProperties(s as Scenario) });
    const opts = { strategy: 'uniform' as const, seed: 3, runs: 300, depth: 200 };
    const found = randomCheckSpace({ arbitrary, build }, { ...opts, shrink: false, minimise: false });
    const shrunk = randomCheckSpace({ arbitrary, build }, opts);
    if (found.status !== 'violation' || shrunk.status !== 'violation') throw new Error(`${found.status} / ${shrunk.status}`);
    expect(shrunk.violation.property).toBe(found.violation.property);
    const [a, b] = [found.params as Scenario, shrunk.params as Scenario];
    const size = (s: Scenario) => [
      s.threads.length,
      s.mms.flatMap((m) => m.vmas).length,
      (s.mirrors ?? []).length,
      s.geometry.ptesPerTable * s.geometry.pmdsPerTable,
    ];
    size(b).forEach((n, i) => expect(n).toBeLessThanOrEqual(size(a)[i]!));
    expect(size(b).reduce((x, y) => x + y)).toBeLessThan(size(a).reduce((x, y) => x + y));
    expect(shrunk.lengths.minimised).toBeLessThanOrEqual(found.lengths.found);
    const t = build(b);
    expect(replaySteps({ ...t, property: shrunk.violation.property, init: shrunk.violation.trace.init }, shrunk.steps, 'strict').status).toBe('violated');
  });

  it('--set kinds=1 (KVM mirrors only): the skipped retry is found, the correct model passes the same runs', async () => {
    const args = ['random', 'mm-random', '--set', 'kinds=1', '--property', 'mirror-coherence', '--seed', '1', '--runs', '200', '--depth', '200', '--json'];
    const m = await runMnc(...args, '--mutant', 'kvm-fault-skips-retry');
    expect(m.code).toBe(1);
    expect(json(m.out).results[0].drawn.mirrors.every((x: { kind: string }) => x.kind === 'kvm')).toBe(true);
    expect((await runMnc(...args)).code).toBe(0);
  });

  it('mnc random mm-random prints the shrunk scenario; the same seed gives the same result; --out saves it for replay', async () => {
    const out = join(dir, 'mm.json');
    const args = ['random', 'mm-random', '--seed', '3', '--runs', '300', '--depth', '200'];
    const a = await runMnc(...args, '--json');
    expect(a.code).toBe(1);
    const r = json(a.out).results[0];
    expect(r.drawn.name).toMatch(/^mm-random: /);
    expect(json((await runMnc(...args, '--json')).out)).toEqual(json(a.out));
    const t = await runMnc(...args, '--out', out);
    expect(t.out).toMatch(/drawn scenario \(shrunk\): \{/);
    expect((await runMnc('replay', out)).code).toBe(1);
  });
});

describe('a mutant that rewrites programs', () => {
  it('--out saves the mutant with the counterexample, and replay rebuilds the mutated model (it still fails)', async () => {
    const out = join(dir, 'program-mutant.json');
    const r = await runMnc('random', '--mutant', 'zap-missing-end', '--seed', '1', '--runs', '100', '--out', out);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8')).mm).toEqual({ events: 'seed', overrides: [], mutant: 'zap-missing-end' });
    const again = await runMnc('replay', out);
    expect(again.out).toMatch(/still fails: thread-ends-closed/);
    expect(again.code).toBe(1);
  });
});

describe('bad input: one line, exit 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['bad event profile', ['random', 'munmap-vs-kvm-fault', '--events', 'v9'], /--events v9: expected seed or v5.2/],
    ['bad override', ['random', 'munmap-vs-kvm-fault', '--override', '99:event=CLEAR'], /--override 99:event=CLEAR: no site 99/],
    ['unknown mutant', ['random', 'munmap-vs-kvm-fault', '--mutant', 'nope'], /--mutant nope: no such mutant/],
    ['mm options on kvm-race', ['random', 'kvm-race', '--mutant', 'zap-missing-end'], /kvm-race is not one/],
    [
      '--out with a program mutant on drawn scenarios',
      ['random', 'mm-random', '--mutant', 'zap-missing-end', '--out', join(dir, 'x.json')],
      /--out with --mutant zap-missing-end: it rewrites programs/,
    ],
    ['pages not a power of two', ['random', 'mm-random', '--set', 'pages=3'], /--set pages=3: expected 1, 2, 4 or 8/],
  ];
  for (const [what, args, why] of cases) {
    it(what, async () => {
      const r = await runMnc(...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(why);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    });
  }
});
