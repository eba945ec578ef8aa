import { describe, expect, it } from 'vitest';
import { nightlyJunit } from '../../src/report/nightlyJunit.js';
import { nightlySarif } from '../../src/report/nightlySarif.js';
import { nightlyHtml } from '../../src/report/nightlyHtml.js';
import type { NightlyReport } from '../../src/nightly/NightlyReport.js';
import type { SweepRecord } from '../../src/sweep/SweepRecord.js';
import { runMnc } from '../cli/util/runMnc.js';
import { sweepDir } from './nightlyFixture.js';

/**
 * A sweep taken with `--all-violations` (mnc nightly --sweep DIR): a
 * configuration whose first violation is known can still hold a new one
 * past it. Every report sees it: JUnit fails the configuration, SARIF has a
 * result per violation, the HTML lists it among the new findings.
 */
const step = (label: string) => ({ thread: 'munmap', label, at: 'mm/mmap.c:__do_munmap', change: '' });
const record: SweepRecord = {
  id: 'c9',
  site: '16',
  path: 'munmap',
  config: { layout: 'anon rw [0,1) at address 0', subscribers: ['hmm50'], threads: ['munmap(mm0, 0, 1)', 'hmm500: device read 0'] },
  status: 'violation',
  property: 'mirror-coherence',
  known: 'D1',
  signature: '16|mirror-coherence|hmm50|munmap@x',
  message: 'first',
  distinctStates: 10,
  transitions: 20,
  seconds: 0.1,
  trace: [step('a')],
  also: [
    {
      property: 'device-access',
      known: 'D1',
      consequence: true,
      signature: '16|device-access|hmm50|munmap@y',
      message: 'second',
      trace: [step('a'), step('b')],
    },
    {
      property: 'fault-progress',
      known: null,
      signature: '16|fault-progress|hmm50|munmap@z',
      message: 'third',
      trace: [step('a'), step('b'), step('zzz-new')],
    },
  ],
};
const report: NightlyReport = {
  summary: {
    version: '0',
    startedAt: '',
    seconds: 1,
    scope: 'small',
    events: 'seed',
    conform: null,
    sweep: null,
    random: null,
    configurations: 1,
    newFindings: 1,
    knownFindings: ['D1'],
    missingKnown: [],
    exit: 1,
    exitReason: '1 new findings',
  },
  records: [record],
  sites: {},
};

describe('nightly reports of an --all-violations sweep', () => {
  it('JUnit fails the configuration for the violation past its known first, naming it', () => {
    const xml = nightlyJunit(report);
    expect(xml).toMatch(/failures="1"/);
    expect(xml).toMatch(/<failure type="violation" message="new finding: fault-progress">/);
    expect(xml).toContain('zzz-new');
    // the same record with every violation known passes, each named
    const known = nightlyJunit({ ...report, records: [{ ...record, also: record.also!.slice(0, 1) }] });
    expect(known).toMatch(/failures="0"/);
    expect(known).toContain('known finding D1 (its consequence): device-access');
  });

  it('SARIF: one result per violation; the new one an error, the consequence a note naming its finding', () => {
    const results = JSON.parse(nightlySarif(report, '0')).runs[0].results as {
      ruleId: string;
      level: string;
      baselineState: string;
      message: { text: string };
    }[];
    expect(results.map((r) => [r.ruleId, r.level, r.baselineState])).toEqual([
      ['mirror-coherence', 'note', 'unchanged'],
      ['device-access', 'note', 'unchanged'],
      ['fault-progress', 'error', 'new'],
    ]);
    expect(results[1]!.message.text).toMatch(/known finding D1's consequence/);
  });

  it('HTML: the configuration is a new finding, with a counterexample per violation', () => {
    const html = nightlyHtml(report);
    expect(html).toMatch(/<h2>New findings \(1\)<\/h2><table>.*c9/s);
    expect(html).toContain('id="cex-c9-2"');
    expect(html).toContain('D1 (consequence)');
    // the matrix cell's title names every violation
    expect(html).toContain('(mirror-coherence, D1; device-access, D1 (consequence); fault-progress, new)');
  });

  it('mnc nightly --all-violations applies to its own sweep: with --sweep it is one line, exit 2', async () => {
    const r = await runMnc('nightly', '--sweep', sweepDir(), '--all-violations', '--random-seconds', '0', '--out', sweepDir());
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/--all-violations/);
  });
});
