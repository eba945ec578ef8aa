import { describe, expect, it } from 'vitest';
import { runMnc as mnc } from '../cli/util/runMnc.js';

describe('mnc mutants', () => {
  it('--json reports each selected mutant killed by its property, with the baseline passing', async () => {
    const r = await mnc('mutants', '--id', 'zap-missing-end', '--id', 'kvm-fault-maps-writable', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.pass).toBe(true);
    expect(j.baselines.map((b: { status: string }) => b.status)).toEqual(['ok', 'ok']);
    expect(j.mutants.map((m: { id: string; killed: boolean; property: string }) => [m.id, m.killed, m.property])).toEqual([
      ['zap-missing-end', true, 'thread-ends-closed'],
      ['kvm-fault-maps-writable', true, 'device-access'],
    ]);
    for (const m of j.mutants) expect(m.length).toBeGreaterThan(0);
  });
  it('--por: the mutants are still caught under partial-order reduction (issue 11; the flag was unknown, exit 2)', async () => {
    const r = await mnc('mutants', '--por', '--id', 'zap-missing-end', '--id', 'kvm-end-skips-seq', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.pass).toBe(true);
    expect(j.mutants.map((m: { id: string; killed: boolean; property: string }) => [m.id, m.killed, m.property])).toEqual([
      ['zap-missing-end', true, 'thread-ends-closed'],
      ['kvm-end-skips-seq', true, 'no-stale-frame'],
    ]);
  });
  it('--sleep-sets: the mutants are still caught with the sleep sets too (the flag was unknown, exit 2)', async () => {
    const r = await mnc('mutants', '--sleep-sets', '--id', 'zap-missing-end', '--id', 'kvm-end-skips-seq', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.pass).toBe(true);
    expect(j.mutants.map((m: { id: string; killed: boolean }) => [m.id, m.killed])).toEqual([
      ['zap-missing-end', true],
      ['kvm-end-skips-seq', true],
    ]);
  });
  it('prints a table by default', async () => {
    const r = await mnc('mutants', '--id', 'zap-event-soft-dirty');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/zap-event-soft-dirty\s+killed by event-promise \(\d+ steps/);
    expect(r.out).toContain('1/1 mutants killed; baselines pass');
  });
  it('a vacuous scenario is killed by its reachability guard, shown as vacuous', async () => {
    const r = await mnc('mutants', '--id', 'race-vacuous-empty-madvise');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/race-vacuous-empty-madvise\s+killed by reach-range-started \(vacuous: no state shows it, \d+ states\)/);
  });
  it('--list names every mutant with its property', async () => {
    const r = await mnc('mutants', '--list', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { id: string; expects: string }[];
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows).toContainEqual(expect.objectContaining({ id: 'zap-missing-end', expects: 'thread-ends-closed' }));
  });
  it('an unknown id is a one-line usage error, exit 2', async () => {
    const r = await mnc('mutants', '--id', 'nope');
    expect(r.code).toBe(2);
    expect(r.err).toBe("mnc: --id nope: no such mutant (see 'mnc mutants --list')\n");
  });
  it('resolves a mutant for other commands, or names the bad id', async () => {
    const { resolveMutant } = await import('../../src/cli/commands/mutants.js');
    expect(resolveMutant('kvm-end-skips-seq').expects).toBe('no-stale-frame');
    expect(() => resolveMutant('nope')).toThrow("--mutant nope: no such mutant (see 'mnc mutants --list')");
  });
  it('a bad budget is a usage error', async () => {
    const r = await mnc('mutants', '--max-seconds', '-1');
    expect(r.code).toBe(2);
  });
});

describe('mnc mutants under a budget (review D17)', () => {
  it('a budget hit is incomplete, exit 3, naming the budget (was: "baselines FAIL", "FAILS (incomplete: )", exit 1)', async () => {
    const r = await mnc('mutants', '--id', 'zap-missing-end', '--max-states', '10');
    expect(r.out).toMatch(/baseline [^\n]*: FAILS \(incomplete: max-states budget hit after \d+ states, nothing found\)/);
    expect(r.out).toContain('baselines incomplete (a budget was hit: raise --max-states or --max-seconds)');
    expect(r.code).toBe(3);
  });
});
