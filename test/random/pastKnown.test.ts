import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomCheckSpace } from '../../src/random/randomCheck.js';
import { racyCounter, NOISE_NEVER_ENDS } from '../../model/toy/toyBugs.js';
import { runMnc } from '../cli/util/runMnc.js';

describe('random search goes on past known findings', () => {
  const bug = racyCounter(2, 2);
  const easy = NOISE_NEVER_ENDS;
  const target = { model: bug.model, properties: [...bug.properties, easy] };
  const space = { arbitrary: fc.constant(undefined), build: () => target };

  it('without triage the easy violation stops the search; with it, that one is counted and the new one found and shrunk', () => {
    const opts = { strategy: 'uniform' as const, seed: 3, runs: 2000, depth: 40 };
    const plain = randomCheckSpace(space, opts);
    if (plain.status !== 'violation') throw new Error(plain.status);
    expect(plain.violation.property).toBe('noise-never-ends');
    expect(plain.known).toEqual({});

    const triaged = { ...space, triage: (_: undefined, v: { property: string }) => (v.property === 'noise-never-ends' ? 'K1' : undefined) };
    const r = randomCheckSpace(triaged, opts);
    if (r.status !== 'violation') throw new Error(r.status);
    expect(r.violation.property).toBe('no-lost-update');
    expect(r.known['K1']).toBeGreaterThan(0);
    expect(r.runs).toBeGreaterThan(r.known['K1']!);
    expect(randomCheckSpace(triaged, opts)).toMatchObject({ runs: r.runs, known: r.known, violation: { property: 'no-lost-update' } });
  });

  it('mnc random mm-random --past-known counts the known findings (F2, F3, ...) it goes past and exits 0 when nothing new', async () => {
    const r = await runMnc('random', 'mm-random', '--seed', '1', '--runs', '150', '--past-known', '--json');
    const j = JSON.parse(r.out).results[0];
    expect(j.status).toBe('ok');
    expect(r.code).toBe(0);
    const ids = Object.keys(j.known);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id).toMatch(/^[FD]\d$/);
  });
});
