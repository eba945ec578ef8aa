import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMnc } from '../cli/util/runMnc.js';
import type { SweepRecord, SweepReport } from '../../src/sweep/SweepRecord.js';

/** Site 2 (uprobes) with one mirror: 28 configurations of a few dozen to a few hundred states each (7 with the owner's exit). */
const TINY = ['--site', '2', '--max-mirrors', '1', '--jobs', '1'];
const dir = () => mkdtempSync(join(tmpdir(), 'mnc-sweep-'));
const report = (d: string): SweepReport => JSON.parse(readFileSync(join(d, 'sweep.json'), 'utf8')) as SweepReport;
/** What must be equal between runs: everything but times and the cache flag. */
const comparable = (rs: readonly SweepRecord[]) => rs.map(({ seconds: _s, cached: _c, ...r }) => r);

describe('mnc sweep (a tiny scope)', () => {
  it('explores every configuration, writes DIR/sweep.json, and the union of two shards is the unsharded run', async () => {
    const whole = dir();
    const a = dir();
    const b = dir();
    const r = await runMnc('sweep', ...TINY, '--out', whole, '--json');
    expect(r.code).toBe(0);
    const all = report(whole);
    expect(JSON.parse(r.out)).toEqual(all);
    expect(all.summary).toMatchObject({
      scope: 'custom(small,max-mirrors=1)',
      events: 'seed',
      shard: null,
      configurations: 28,
      explored: 28,
      cached: 0,
      newFindings: 0,
      filter: 'site=2',
    });
    expect(new Set(all.records.map((x) => x.config.subscribers[0])).size).toBe(7);
    expect((await runMnc('sweep', ...TINY, '--shard', '1/2', '--out', a)).code).toBe(0);
    expect((await runMnc('sweep', ...TINY, '--shard', '2/2', '--out', b)).code).toBe(0);
    const [ra, rb] = [report(a), report(b)];
    expect(ra.records.length).toBeGreaterThan(0);
    expect(rb.records.length).toBeGreaterThan(0);
    expect(ra.records.length + rb.records.length).toBe(28);
    const m = await runMnc('merge', a, b, '--json');
    expect(m.code).toBe(0);
    const merged = JSON.parse(m.out) as SweepReport;
    expect(comparable(merged.records)).toEqual(comparable(all.records));
    const { seconds: _x, ...ms } = merged.summary;
    const { seconds: _y, ...ws } = all.summary;
    expect(ms).toEqual(ws);
    // A shard given twice is refused.
    const twice = await runMnc('merge', a, a);
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/in two shards/);
  });

  it('a second run with an unchanged model explores nothing (every configuration is cached); a cut line is explored again', async () => {
    const d = dir();
    expect((await runMnc('sweep', ...TINY, '--out', d)).code).toBe(0);
    const first = report(d);
    expect(first.summary.explored).toBe(28);
    expect((await runMnc('sweep', ...TINY, '--out', d)).code).toBe(0);
    const second = report(d);
    expect(second.summary).toMatchObject({ explored: 0, cached: 28 });
    expect(comparable(second.records)).toEqual(comparable(first.records));
    // kill -9 in the middle of a write: the last line is cut short; that configuration alone runs again.
    const file = join(d, 'results.jsonl');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').slice(0, 27);
    writeFileSync(file, [...lines, '{"hash":"x","record":{"id":'].join('\n'));
    expect((await runMnc('sweep', ...TINY, '--out', d)).code).toBe(0);
    expect(report(d).summary).toMatchObject({ explored: 1, cached: 27 });
  });

  it('--por-check: the reduced, checked exploration keeps every verdict, caches apart, and does not merge with a plain shard', async () => {
    const plain = dir();
    const checked = dir();
    expect((await runMnc('sweep', ...TINY, '--out', plain)).code).toBe(0);
    expect((await runMnc('sweep', ...TINY, '--por-check', '--out', checked)).code).toBe(0);
    const [p, c] = [report(plain), report(checked)];
    expect(p.summary.porCheck).toBeUndefined();
    expect(c.summary).toMatchObject({ porCheck: true, explored: 28, cached: 0, newFindings: 0, missingKnown: [] });
    expect(c.summary.counts).toEqual(p.summary.counts);
    expect(c.records.map((r) => [r.id, r.status, r.property, r.known])).toEqual(p.records.map((r) => [r.id, r.status, r.property, r.known]));
    // Reduced: never more states, and fewer transitions in total (the plain run would give equal sums).
    const sum = (rs: readonly SweepRecord[], k: 'distinctStates' | 'transitions') => rs.reduce((t, r) => t + r[k], 0);
    for (const [i, r] of c.records.entries()) expect(r.distinctStates).toBeLessThanOrEqual(p.records[i]!.distinctStates);
    expect(sum(c.records, 'transitions')).toBeLessThan(sum(p.records, 'transitions'));
    // A plain and a --por-check shard do not merge.
    const half = dir();
    expect((await runMnc('sweep', ...TINY, '--shard', '1/2', '--out', half)).code).toBe(0);
    const mixed = await runMnc('merge', half, checked);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toMatch(/--por-check/);
    // The plain records in a directory are not taken for --por-check's, nor the other way round; each mode's are its own.
    expect((await runMnc('sweep', ...TINY, '--por-check', '--out', checked)).code).toBe(0);
    expect(report(checked).summary).toMatchObject({ porCheck: true, explored: 0, cached: 28 });
    expect((await runMnc('sweep', ...TINY, '--por-check', '--out', plain)).code).toBe(0);
    expect(report(plain).summary).toMatchObject({ porCheck: true, explored: 28, cached: 0 });
    expect((await runMnc('sweep', ...TINY, '--out', checked)).code).toBe(0);
    expect(report(checked).summary.porCheck).toBeUndefined();
    expect(report(checked).summary).toMatchObject({ explored: 28, cached: 0 });
  });

  it('--sleep-sets: sleep sets on top, checked, keep every verdict; their records and shards are kept apart from --por-check ones', async () => {
    const por = dir();
    const slept = dir();
    expect((await runMnc('sweep', ...TINY, '--por-check', '--out', por)).code).toBe(0);
    const r = await runMnc('sweep', ...TINY, '--sleep-sets', '--out', slept);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--por-check --sleep-sets \(reduced states\)/);
    const [p, s] = [report(por), report(slept)];
    expect(p.summary.sleepSets).toBeUndefined();
    expect(s.summary).toMatchObject({ porCheck: true, sleepSets: true, explored: 28, cached: 0, newFindings: 0, missingKnown: [] });
    expect(s.summary.counts).toEqual(p.summary.counts);
    expect(s.records.map((x) => [x.id, x.status, x.property, x.known])).toEqual(p.records.map((x) => [x.id, x.status, x.property, x.known]));
    // The sleep sets prune transitions the ample sets keep.
    const sum = (rs: readonly SweepRecord[]) => rs.reduce((t, x) => t + x.transitions, 0);
    expect(sum(s.records)).toBeLessThan(sum(p.records));
    // Shards of the two modes do not merge.
    const half = dir();
    expect((await runMnc('sweep', ...TINY, '--por-check', '--shard', '1/2', '--out', half)).code).toBe(0);
    const mixed = await runMnc('merge', half, slept);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toMatch(/--sleep-sets/);
    // A --por-check directory's records are not taken for --sleep-sets' ones, and its own stay cached.
    expect((await runMnc('sweep', ...TINY, '--sleep-sets', '--out', por)).code).toBe(0);
    expect(report(por).summary).toMatchObject({ sleepSets: true, explored: 28, cached: 0 });
    expect((await runMnc('sweep', ...TINY, '--sleep-sets', '--out', slept)).code).toBe(0);
    expect(report(slept).summary).toMatchObject({ sleepSets: true, explored: 0, cached: 28 });
  });

  it('--all-violations: every property per configuration, each triaged (a consequence named as such); kept apart from the first-violation records', async () => {
    // site 2 with amdgpu's userptr mirror: D3's stale submission, then the GPU job reaching the page the process no longer maps
    // (and the owner's exit beside the uprobe: F3 at the teardown's range)
    const only = ['--site', '2', '--mirror', 'gpu', '--max-mirrors', '1', '--jobs', '1'];
    const first = dir();
    const all = dir();
    expect((await runMnc('sweep', ...only, '--out', first)).code).toBe(0);
    const r = await runMnc('sweep', ...only, '--all-violations', '--out', all);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--all-violations \(every property per configuration\)/);
    const [f, a] = [report(first), report(all)];
    expect(f.summary.allViolations).toBeUndefined();
    expect(a.summary).toMatchObject({ allViolations: true, configurations: 4, newFindings: 0, knownFindings: ['F3', 'D3'] });
    expect(a.summary.counts).toEqual(f.summary.counts);
    // the first violation is the same; the records of the first-violation run have no `also`
    expect(a.records.map((x) => [x.id, x.status, x.property, x.known])).toEqual(f.records.map((x) => [x.id, x.status, x.property, x.known]));
    expect(f.records.every((x) => x.also === undefined)).toBe(true);
    const v = a.records.find((x) => x.known === 'D3')!;
    expect(v.also!.map((x) => [x.property, x.known, x.consequence])).toEqual([['device-access', 'D3', true]]);
    expect(v.also![0]!.trace!.length).toBeGreaterThan(v.trace!.length);
    // each mode caches its own records, and their shards do not merge
    expect((await runMnc('sweep', ...only, '--all-violations', '--out', first)).code).toBe(0);
    expect(report(first).summary).toMatchObject({ allViolations: true, explored: 4, cached: 0 });
    expect((await runMnc('sweep', ...only, '--all-violations', '--out', all)).code).toBe(0);
    expect(report(all).summary).toMatchObject({ explored: 0, cached: 4 });
    const half = dir();
    expect((await runMnc('sweep', ...only, '--shard', '1/2', '--out', half)).code).toBe(0);
    const mixed = await runMnc('merge', half, all);
    expect(mixed.code).toBe(2);
    expect(mixed.err).toMatch(/--all-violations/);
  });

  it('bad input: one line naming it, exit 2', async () => {
    for (const [args, msg] of [
      [['--scope', 'huge'], /--scope huge/],
      [['--shard', '3/2'], /--shard 3\/2/],
      [['--site', '29'], /--site 29/],
      [['--mirror', 'nvidia'], /--mirror nvidia/],
      [['--events', 'v6'], /--events v6/],
    ] as const) {
      const r = await runMnc('sweep', ...args, '--list');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    const m = await runMnc('merge', join(tmpdir(), 'no-such-sweep-dir'));
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/sweep\.json/);
  });

  it('--layout keeps the configurations of one layout, and says so in the report filter', async () => {
    const d = dir();
    const list = await runMnc('sweep', '--site', '6', '--max-mirrors', '1', '--layout', 'thp-fault@0', '--list');
    const ids = list.out.split('\n').filter((l) => l.startsWith('s6-'));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((l) => l.includes('-thp-fault@0-'))).toBe(true);
    const r = await runMnc('sweep', '--site', '6', '--max-mirrors', '1', '--layout', 'thp-fault@0', '--jobs', '1', '--out', d);
    expect(r.code).toBe(0);
    expect(report(d).summary.filter).toBe('site=6 layout=thp-fault@0');
    expect(report(d).records).toHaveLength(ids.length);
  });
});
