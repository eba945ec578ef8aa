/**
 * .github/workflows/nightly.yml has no CI run to test it: read it and check
 * it against the CLI. Every `mnc` command it runs exists with every option
 * it passes (and a value for an option that takes one); the shard matrix is
 * exactly 1..N for the N the shards are told; the merge job needs the shard
 * jobs and reads what they upload; a job that runs .ci/setup (apt-get,
 * Debian's linux-source-6.1) runs as root on Debian.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { parseWorkflowYaml, type Yaml } from '../util/workflowYaml.js';

const root = join(import.meta.dirname, '..', '..');
/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests walk the workflow's YAML by key; Yaml would need a narrowing at every step */
const wf = parseWorkflowYaml(readFileSync(join(root, '.github/workflows/nightly.yml'), 'utf8')) as Record<string, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
const jobs = wf['jobs'] as Record<string, Record<string, any>>;
const steps = (job: string): Record<string, Yaml>[] => jobs[job]!['steps'] as Record<string, Yaml>[];
const runs = (job: string): string[] => steps(job).flatMap((s) => (typeof s['run'] === 'string' ? [s['run']] : []));

/** Shell words of one command line (quotes removed; `${{ ... }}` kept whole). */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|((?:\$\{\{[^}]*\}\}|[^\s"'])+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** Every `mnc ...` invocation in the workflow's run scripts (`npx mnc` or the built entry point), up to `&&`, `;`, `|` or the line end. */
function invocations(): { job: string; argv: string[] }[] {
  const out: { job: string; argv: string[] }[] = [];
  for (const job of Object.keys(jobs)) {
    for (const script of runs(job)) {
      for (const m of script.matchAll(/(?:npx mnc|node dist\/src\/cli\/mnc\.js)\s+([^\n;&|]*)/g)) out.push({ job, argv: words(m[1]!) });
    }
  }
  return out;
}

async function cli(): Promise<Command> {
  const program = new Command('mnc').option('--state <backend>');
  for (const load of Object.values(COMMANDS)) (await load())(program, () => undefined);
  return program;
}

describe('.github/workflows/nightly.yml', () => {
  it('runs only mnc commands and options that exist, with a value where an option takes one', async () => {
    const program = await cli();
    const calls = invocations();
    expect(calls.map((c) => c.argv[0])).toEqual(expect.arrayContaining(['sweep', 'merge', 'nightly']));
    for (const { job, argv } of calls) {
      const cmd = program.commands.find((c) => c.name() === argv[0]);
      expect(cmd, `${job}: mnc ${argv.join(' ')}`).toBeDefined();
      for (let k = 1; k < argv.length; k++) {
        if (!argv[k]!.startsWith('--')) continue;
        const [name, inline] = argv[k]!.split('=', 2);
        const opt = [...cmd!.options, ...program.options].find((o) => o.long === name);
        expect(opt, `${job}: mnc ${argv[0]} has no option ${name}`).toBeDefined();
        if (opt!.required && inline === undefined) {
          const value = argv[k + 1];
          expect(value !== undefined && !value.startsWith('--'), `${job}: ${name} needs a value`).toBe(true);
          k++;
        }
      }
    }
  });

  it('shards 1..N, each told N, and merges after all of them what they upload', () => {
    const n = Number((wf['env'] as Record<string, Yaml>)['SHARDS']);
    expect(Number.isInteger(n) && n >= 1).toBe(true);
    const sharded = Object.keys(jobs).filter((j) => jobs[j]!['strategy']?.['matrix']?.['shard'] !== undefined);
    expect(sharded).toEqual(['sweep']);
    expect(jobs['sweep']!['strategy']['matrix']['shard']).toEqual(Array.from({ length: n }, (_, k) => k + 1));
    // every event profile is swept, and each has its own merge and report
    const profiles = jobs['sweep']!['strategy']['matrix']['events'];
    expect([...profiles].sort()).toEqual(['seed', 'v5.2']);
    expect(jobs['nightly']!['strategy']['matrix']['events']).toEqual(profiles);
    const sweep = invocations().filter((c) => c.job === 'sweep' && c.argv[0] === 'sweep');
    expect(sweep).toHaveLength(1);
    const argv = sweep[0]!.argv;
    expect(argv[argv.indexOf('--shard') + 1]).toBe('${{ matrix.shard }}/$SHARDS');
    expect(argv[argv.indexOf('--events') + 1]).toBe('${{ matrix.events }}');
    const out = argv[argv.indexOf('--out') + 1];
    // the shard's report goes up as artifact shard-P-I, which profile P's merge job downloads and merges
    const upload = steps('sweep').find((s) => typeof s['uses'] === 'string' && s['uses'].startsWith('actions/upload-artifact'))!['with'] as Record<
      string,
      Yaml
    >;
    expect([upload['name'], upload['path']]).toEqual([out, `${out}/sweep.json`]);

    const merging = Object.keys(jobs).filter((j) => invocations().some((c) => c.job === j && c.argv[0] === 'merge'));
    expect(merging).toEqual(['nightly']);
    const needs = jobs['nightly']!['needs'];
    expect(Array.isArray(needs) ? needs : [needs]).toEqual(expect.arrayContaining(sharded));
    // a shard that found something new (exit 1) must not stop the merge
    expect(jobs['nightly']!['if']).toBe('always()');
    const download = steps('nightly').find((s) => typeof s['uses'] === 'string' && s['uses'].startsWith('actions/download-artifact'))!['with'] as Record<
      string,
      Yaml
    >;
    expect(out).toBe('shard-${{ matrix.events }}-${{ matrix.shard }}');
    expect(download['pattern']).toBe('shard-${{ matrix.events }}-*');
    const merge = invocations().find((c) => c.argv[0] === 'merge')!.argv;
    expect(merge.slice(1, merge.indexOf('--out'))).toEqual(['shard-${{ matrix.events }}-*']);
    const nightly = invocations().find((c) => c.argv[0] === 'nightly')!.argv;
    expect(nightly[nightly.indexOf('--sweep') + 1]).toBe(merge[merge.indexOf('--out') + 1]);
    expect(nightly[nightly.indexOf('--events') + 1]).toBe('${{ matrix.events }}');
    // one report and one code-scanning category per profile: the second upload does not replace the first
    const named = (job: string, action: string, key: string) =>
      (steps(job).find((s) => typeof s['uses'] === 'string' && s['uses'].startsWith(action))!['with'] as Record<string, Yaml>)[key];
    expect(named('nightly', 'actions/upload-artifact', 'name')).toContain('${{ matrix.events }}');
    expect(named('nightly', 'github/codeql-action/upload-sarif', 'category')).toContain('${{ matrix.events }}');
  });

  it('samples the large scope: one shard per slot a night, every shard once in LARGE_SHARDS / LARGE_SLOTS nights', () => {
    const env = wf['env'] as Record<string, Yaml>;
    const [slots, shards] = [Number(env['LARGE_SLOTS']), Number(env['LARGE_SHARDS'])];
    expect(jobs['large-sample']!['strategy']['matrix']['slot']).toEqual(Array.from({ length: slots }, (_, k) => k + 1));
    expect(shards % slots).toBe(0);
    const script = runs('large-sample').find((r) => r.includes('mnc sweep'))!;
    const argv = invocations().find((c) => c.job === 'large-sample')!.argv;
    expect([argv[argv.indexOf('--scope') + 1], argv[argv.indexOf('--shard') + 1]]).toEqual(['large', '$shard/$LARGE_SHARDS']);
    // both profiles, each its own artifact
    expect([...jobs['large-sample']!['strategy']['matrix']['events']].sort()).toEqual(['seed', 'v5.2']);
    expect(argv[argv.indexOf('--events') + 1]).toBe('${{ matrix.events }}');
    const upload = steps('large-sample').find((s) => typeof s['uses'] === 'string' && s['uses'].startsWith('actions/upload-artifact'))!;
    expect((upload['with'] as Record<string, Yaml>)['name']).toBe('large-sample-${{ matrix.events }}-${{ matrix.slot }}');
    // a new finding or a model error (exit 1) fails the job; a budget cut (exit 3) does not
    expect(script).toContain('[ $rc -eq 0 ] || [ $rc -eq 3 ]');
    // the shard line, run by bash for each night of a cycle and each slot (from an arbitrary day)
    const line = script.split('\n').find((l) => l.trim().startsWith('shard='))!;
    const nights = shards / slots;
    const days = Array.from({ length: nights }, (_, k) => 20_000 + k);
    const cmd = days
      .flatMap((day) => Array.from({ length: slots }, (_, k) => `day=${day}; ${line.replace('${{ matrix.slot }}', String(k + 1)).trim()}; echo $shard`))
      .join('\n');
    const got = execFileSync('bash', ['-c', cmd], { env: { LARGE_SLOTS: String(slots), LARGE_SHARDS: String(shards) } })
      .toString()
      .trim()
      .split('\n')
      .map(Number);
    expect([...got].sort((a, b) => a - b)).toEqual(Array.from({ length: shards }, (_, k) => k + 1));
  });

  it('runs .ci/setup (apt-get, linux-source-6.1) only as root in a Debian container', () => {
    for (const [name, job] of Object.entries(jobs)) {
      if (!runs(name).some((r) => r.includes('.ci/setup'))) continue;
      expect(String(job['container'] ?? ''), `job ${name}`).toMatch(/^debian:bookworm/);
    }
  });
});

describe('the workflow YAML reader', () => {
  it('reads maps, lists, flow lists, quoted scalars and block literals, and refuses what it does not know', () => {
    const y = parseWorkflowYaml('a: 1\nb:\n  - x: "q"\n    y: [1, 2]\n  - run: |\n      one\n      two\nc: d # note\n');
    expect(y).toEqual({ a: 1, b: [{ x: 'q', y: [1, 2] }, { run: 'one\ntwo\n' }], c: 'd' });
    expect(() => parseWorkflowYaml('a: &x 1\n')).toThrow(/line 1: outside the supported subset/);
    expect(() => parseWorkflowYaml('a:\n\tb: 1\n')).toThrow(/line 2: tab/);
    expect(() => parseWorkflowYaml('a: 1\n  b: 2\n')).toThrow(/line 2: unexpected indentation/);
  });
});
