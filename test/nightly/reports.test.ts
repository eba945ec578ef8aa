import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runMnc } from '../cli/util/runMnc.js';
import { fixtureTree } from '../conform/util/fixtureTree.js';
import { sweepDir } from './nightlyFixture.js';

// CommonJS packages whose default export ESM type resolution gets wrong: loaded with require
const require = createRequire(import.meta.url);
type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
const Ajv = require('ajv-draft-04') as new (o: object) => { compile(schema: unknown): Validate };
const addFormats = require('ajv-formats') as (ajv: unknown) => unknown;

const SCHEMA = JSON.parse(readFileSync(new URL('../fixtures/sarif/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));

/** The official SARIF 2.1.0 schema (test/fixtures/sarif) through ajv. */
export function sarifErrors(log: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(SCHEMA);
  return validate(log) ? [] : (validate.errors ?? []).map((e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`);
}

const TREE_FILES = {
  'fs/proc/task_mmu.c': `static ssize_t clear_refs_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	struct mmu_notifier_range range;

	mmu_notifier_range_init(&range, MMU_NOTIFY_SOFT_DIRTY, 0, NULL, mm, 0, -1UL);
}
`,
};

describe('mnc nightly writes one report directory', async () => {
  const out = mkdtempSync(join(tmpdir(), 'mnc-nightly-'));
  const tree = fixtureTree(TREE_FILES);
  // a run count, not a time budget: the same search on any machine (the seconds only cap it)
  const run = await runMnc('nightly', '--tree', tree, '--sweep', sweepDir(), '--random-runs', '20', '--random-seconds', '600', '--seed', '1', '--out', out);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));

  it('summary.json: new and known findings, the conformance note, exit 1 for the new finding', () => {
    // the fixture sweep was run under v5.2: the random search takes its profile
    expect(run.err).toMatch(/random search, strategy swarm, events v5\.2, seed 1/);
    expect(run.code).toBe(1);
    expect(summary).toMatchObject({ newFindings: 1, exit: 1, scope: 'small', events: 'v5.2' });
    expect(summary.knownFindings).toContain('F6');
    expect(summary.conform.known).toEqual([{ site: '1', file: 'fs/proc/task_mmu.c', line: 5, findings: ['F6'] }]);
    expect(summary.random.seed).toBe(1);
    // seed 1, 20 runs: the same drawn scenarios on any machine, none of them failing
    expect(summary.random).toMatchObject({ runs: 20, interrupted: false, status: 'ok', known: {} });
    expect(summary.configurations).toBe(5);
  });

  it('JUnit XML: one test case per configuration, counts as in the summary', () => {
    const xml = readFileSync(join(out, 'junit.xml'), 'utf8');
    const suite = /<testsuite name="mnc nightly: configurations" tests="(\d+)" failures="(\d+)" errors="0" skipped="(\d+)"/.exec(xml)!;
    expect(Number(suite[1])).toBe(summary.configurations);
    expect(Number(suite[2])).toBe(summary.newFindings);
    expect(Number(suite[3])).toBe(1);
    const body = xml.slice(xml.indexOf(suite[0]), xml.indexOf('</testsuite>'));
    expect(body.match(/<testcase /g)).toHaveLength(summary.configurations);
    expect(xml).not.toContain('<script>');
  });

  it('SARIF validates against the official 2.1.0 schema; findings sit at the tree site file:line, known ones are notes', () => {
    const log = JSON.parse(readFileSync(join(out, 'report.sarif'), 'utf8'));
    expect(sarifErrors(log)).toEqual([]);
    expect(sarifErrors({ version: '2.1.0', runs: [{ tool: {}, results: [{ level: 'fatal' }] }] })).not.toEqual([]); // the validator does reject
    const results = log.runs[0].results;
    const known = results.find((r: { level: string }) => r.level === 'note');
    expect(known.message.text).toMatch(/known finding F6/);
    expect(known.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'fs/proc/task_mmu.c', uriBaseId: 'SRCROOT' }, region: { startLine: 5 } });
    const fresh = results.find((r: { level: string; properties: { configuration: string } }) => r.level === 'error' && r.properties.configuration === 'c3');
    expect(fresh.locations[0].physicalLocation.artifactLocation.uri).toBe('mm/hugetlb.c');
  });

  it('the conformance gate SARIF validates too', async () => {
    const r = await runMnc('conform', '--tree', tree, '--no-model', '--format', 'sarif');
    expect(sarifErrors(JSON.parse(r.out))).toEqual([]);
  });

  it('--random-seconds takes a fraction of a second, as mnc random --max-seconds does (was: expected a whole number, exit 2)', async () => {
    const dir = join(out, 'fraction');
    const t0 = performance.now();
    const r = await runMnc('nightly', '--sweep', sweepDir(), '--random-seconds', '0.5', '--seed', '1', '--out', dir);
    const seconds = (performance.now() - t0) / 1000;
    expect(r.err).toMatch(/^nightly: random search, strategy swarm, events v5\.2, seed 1, 0\.5 s\n$/);
    expect(r.code).toBe(1); // the fixture sweep's new finding
    const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(s.random).toMatchObject({ seed: 1, interrupted: true }); // the budget, not a run count, stopped it
    expect(s.random.runs).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(10); // not rounded up to whole seconds, nor read as no budget
    for (const bad of ['-1', '0.5s', '']) {
      const b = await runMnc('nightly', '--sweep', sweepDir(), '--random-seconds', bad, '--out', join(out, 'bad'));
      expect(b.code).toBe(2);
      expect(b.err).toMatch(/--random-seconds.*expected a positive number of seconds, or 0 for none/);
    }
  }, 30_000);

  it("--events: a profile other than the given sweep's, or no profile at all, is one line, exit 2", async () => {
    const other = await runMnc('nightly', '--sweep', sweepDir(), '--events', 'seed', '--random-seconds', '0', '--out', join(out, 'y'));
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/^mnc: --events seed: the sweep in .* was run under v5\.2 \(run mnc sweep --events seed\)\n$/);
    const bogus = await runMnc('nightly', '--sweep', sweepDir(), '--events', 'v6', '--random-seconds', '0', '--out', join(out, 'y'));
    expect(bogus.code).toBe(2);
    expect(bogus.err).toBe('mnc: --events v6: expected seed or v5.2\n');
    const same = await runMnc('nightly', '--sweep', sweepDir(), '--events', 'v5.2', '--random-seconds', '0', '--out', join(out, 'z'));
    expect(same.code).toBe(1); // the fixture sweep's new finding
    expect(JSON.parse(readFileSync(join(out, 'z', 'summary.json'), 'utf8')).events).toBe('v5.2');
  });

  it('bad input: a --sweep directory without sweep.json is one line, exit 2', async () => {
    const r = await runMnc('nightly', '--sweep', tree, '--random-seconds', '0', '--out', join(out, 'x'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^mnc: .*sweep\.json: cannot read \(ENOENT\).*\n$/);
  });
});
