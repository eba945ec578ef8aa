import { describe, expect, it } from 'vitest';
import { runMnc } from './util/runMnc.js';
import { SITE_SCENARIOS } from '../../model/sites/scenarios/index.js';
import { checkExitCode } from '../../src/cli/checkExitCode.js';
import type { CheckRow } from '../../src/report/CheckRow.js';

/** Site 24 has two small scenarios: enough for two workers, a few hundred states. */
const SITE = '24';
const AT_SITE = SITE_SCENARIOS.filter((x) => x.site === Number(SITE)).map((x) => x.scenario.name);
const mirrorOf = (name: string) => [...new Set(SITE_SCENARIOS.find((x) => x.scenario.name === name)!.scenario.mirrors!.map((m) => m.kind))].join('+');

const withoutTimes = (rows: { seconds: number }[]) => rows.map((r) => ({ ...r, seconds: 0 }));

describe('mnc check --site N', () => {
  it('--json: one object per scenario of the site, in the fixed order, with the row fields', async () => {
    const r = await runMnc('check', '--site', SITE, '--jobs', '1', '--json');
    expect([0, 1]).toContain(r.code);
    expect(r.err).toBe('');
    const rows = JSON.parse(r.out) as Record<string, unknown>[];
    expect(AT_SITE.length).toBeGreaterThanOrEqual(2);
    expect(rows.map((x) => x.scenario)).toEqual(AT_SITE);
    for (const row of rows) {
      expect(row).toMatchObject({
        site: 24,
        mirror: mirrorOf(row.scenario as string),
        matches: expect.any(Boolean),
        distinctStates: expect.any(Number),
        seconds: expect.any(Number),
      });
      expect(['ok', 'violation', 'incomplete', 'model-error']).toContain(row.status);
      expect(['ok', 'violation']).toContain(row.expected);
      expect(Array.isArray(row.violations)).toBe(true);
      for (const v of row.violations as Record<string, unknown>[]) expect(Object.keys(v)).toEqual(['property', 'kind', 'message', 'length']);
      const keys = Object.keys(row).filter((k) => k !== 'expectedProperty' && k !== 'modelError');
      expect(keys).toEqual(['site', 'scenario', 'mirror', 'status', 'expected', 'matches', 'distinctStates', 'seconds', 'violations']);
    }
    expect(r.code).toBe(rows.every((x) => x.matches) ? 0 : 1);
  });

  it('--json --traces: each violation carries its counterexample, the steps the text output prints', async () => {
    const r = await runMnc('check', '--site', SITE, '--jobs', '1', '--json', '--traces');
    const rows = JSON.parse(r.out) as { violations: { length: number; trace?: unknown[] }[] }[];
    const vs = rows.flatMap((x) => x.violations);
    expect(vs.length).toBeGreaterThan(0);
    for (const v of vs) {
      expect(Array.isArray(v.trace)).toBe(true);
      expect(v.trace!.length).toBeGreaterThanOrEqual(v.length);
    }
  });

  it('--jobs 1 (in-process) and --jobs 2 (worker threads on the TypeScript sources) give the same rows minus times', async () => {
    const one = await runMnc('check', '--site', SITE, '--jobs', '1', '--json');
    const two = await runMnc('check', '--site', SITE, '--jobs', '2', '--json');
    expect(two.err).toBe('');
    expect(two.code).toBe(one.code);
    expect(withoutTimes(JSON.parse(two.out))).toEqual(withoutTimes(JSON.parse(one.out)));
  });

  it('the table: a header, one row per scenario in order, a total line, --traces; same text for --jobs 1 and 2 minus times', async () => {
    const text = async (jobs: string) => (await runMnc('check', '--site', SITE, '--traces', '--jobs', jobs)).out.replace(/\d+\.\d\ds/g, 'T');
    const one = await text('1');
    // eslint-disable-next-line no-control-regex -- an optional colour escape (ESC [ n m)
    expect(one.split('\n')[0]).toMatch(/^(\u001b\[\d+m)?site +scenario +mirror +verdict +expected +states +time/);
    const order = AT_SITE.map((n) => one.indexOf(n));
    expect(order.every((x, i) => x > 0 && (i === 0 || x > order[i - 1]!))).toBe(true);
    expect(one).toMatch(new RegExp(`^${AT_SITE.length} scenarios \\(events: seed\\): `, 'm'));
    // eslint-disable-next-line no-control-regex -- an optional colour escape (ESC [ n m)
    expect(one).toMatch(/^mprotect-at-zero-vs-kvm-read: (\u001b\[\d+m)?violation of thread-ends-closed/m);
    expect(one).toMatch(/^ {2}trace: \d+ steps$/m);
    expect(await text('2')).toBe(one);
  });

  it("--override keeps each scenario's own expectation (known findings too) and is passed to the workers", async () => {
    const one = await runMnc('check', '--site', SITE, '--override', '24:event=SOFT_DIRTY', '--jobs', '1', '--json');
    const two = await runMnc('check', '--site', SITE, '--override', '24:event=SOFT_DIRTY', '--jobs', '2', '--json');
    const rows = JSON.parse(one.out) as { scenario: string; expected: string; matches: boolean }[];
    const own = (name: string) => SITE_SCENARIOS.find((x) => x.scenario.name === name)!.scenario.expect;
    expect(rows.every((x) => x.expected === own(x.scenario))).toBe(true);
    // SOFT_DIRTY on mprotect: the event-aware mirror keeps write access the CPU lost
    expect(rows.find((x) => x.scenario === 'mprotect-vs-aware-write')).toMatchObject({ expected: 'ok', matches: false });
    expect(one.code).toBe(1);
    expect(withoutTimes(JSON.parse(two.out))).toEqual(withoutTimes(rows as never));
  });
});

describe('mnc check exit codes', () => {
  it('an override whose vma names nothing in scope: a model-error row, its message, exit 4', async () => {
    const r = await runMnc('check', '--site', '16', '--mirror', 'kvm', '--override', '16:vma=nonsense', '--jobs', '1');
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/model-error/);
    expect(r.out).toMatch(/: model error: .*vma expression 'nonsense' names nothing in scope/);
  });

  const row = (status: CheckRow['status'], matches: boolean): CheckRow => ({
    site: 1,
    scenario: 's',
    mirror: 'kvm',
    status,
    expected: 'ok',
    matches,
    distinctStates: 1,
    seconds: 0,
    violations: [],
  });
  it('checkExitCode: 0 all as expected, else model error 4 > unexpected verdict 1 > budget hit 3', () => {
    expect(checkExitCode([row('ok', true), row('violation', true)])).toBe(0);
    expect(checkExitCode([row('ok', true), row('incomplete', false)])).toBe(3);
    expect(checkExitCode([row('incomplete', false), row('violation', false)])).toBe(1);
    expect(checkExitCode([row('ok', false), row('model-error', false), row('violation', false)])).toBe(4);
  });
});

describe('mnc check --events: a scenario whose verdict differs per profile', () => {
  it('clear-refs-vs-aware-write holds with the seed UNMAP and is a known finding with the v5.2 SOFT_DIRTY', async () => {
    const run = async (events: string) => {
      const r = await runMnc('check', '--scenario', 'clear-refs-vs-aware-write', '--events', events, '--jobs', '1', '--json');
      expect(r.code).toBe(0);
      return (JSON.parse(r.out) as CheckRow[])[0]!;
    };
    expect(await run('seed')).toMatchObject({ status: 'ok', expected: 'ok', matches: true });
    const v52 = await run('v5.2');
    expect(v52).toMatchObject({ status: 'violation', expected: 'violation', expectedProperty: 'mirror-coherence', matches: true });
  });
});
