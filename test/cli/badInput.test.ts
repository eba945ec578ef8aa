import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMnc } from './util/runMnc.js';
import { SITE_SCENARIOS } from '../../model/sites/scenarios/index.js';

const dir = mkdtempSync(join(tmpdir(), 'mnc-cli-bad-'));
const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
const notJson = file('broken.json', '{"name": "x",');
const notScenario = file('empty.json', '{}');
const notCounterexample = file('cex.json', '{"format": "something else"}');
const missing = join(dir, 'missing.json');
const noThreads = file(
  'no-threads.json',
  JSON.stringify({ ...JSON.parse(readFileSync('model/scenario/examples/madvise-dontneed-vs-kvm-fault.json', 'utf8')), threads: [] }),
);
const scenario = file('scenario.json', JSON.stringify(SITE_SCENARIOS.find((x) => x.scenario.name === 'mprotect-vs-kvm-write')!.scenario));

const KVM = ['explore', 'kvm-race', '--set', 'P=1', '--set', 'F=1', '--set', 'Z=1', '--set', 'M=0'];

/** [what, argv, what the line must name] */
const CASES: [string, string[], RegExp][] = [
  ['unknown scenario', ['explore', 'no-such'], /no-such/],
  ['bad --set syntax', ['explore', 'kvm-race', '--set', 'P=x'], /--set P=x/],
  ['unknown --set parameter', ['explore', 'kvm-race', '--set', 'Q=1'], /--set Q=1/],
  ['--set out of range', ['explore', 'kvm-race', '--set', 'P=99'], /--set P=99/],
  ['unknown variant', ['explore', 'kvm-race', '--variant', 'bogus'], /--variant bogus/],
  ['unknown option', ['explore', 'kvm-race', '--bogus'], /--bogus/],
  ['unknown command', ['frobnicate'], /frobnicate/],
  ['--resume without --checkpoint', [...KVM, '--resume'], /--resume/],
  ['--resume from a missing checkpoint', [...KVM, '--checkpoint', missing, '--resume'], /missing\.json/],
  ['--max-seconds abc (explore)', [...KVM, '--max-seconds', 'abc'], /--max-seconds/],
  ['--max-states -1', [...KVM, '--max-states', '-1'], /--max-states/],
  ['--max-states 1.5 (a count)', [...KVM, '--max-states', '1.5'], /--max-states.*'1\.5'/],
  ['--max-depth 2.7 (a count)', [...KVM, '--max-depth', '2.7'], /--max-depth.*'2\.7'/],
  ['test --max-states 1.5 (a count)', ['test', scenario, '--max-states', '1.5'], /--max-states.*'1\.5'/],
  ['mutants --max-states 1.5 (a count)', ['mutants', '--max-states', '1.5'], /--max-states.*'1\.5'/],
  ['mutants --max-seconds abc', ['mutants', '--max-seconds', 'abc'], /--max-seconds.*abc/],
  ['--scenario FILE not JSON', ['explore', '--scenario', notJson], /broken\.json/],
  ['--scenario FILE not a scenario', ['explore', '--scenario', notScenario], /empty\.json/],
  ['--scenario FILE missing', ['explore', '--scenario', missing], /missing\.json/],
  ['--scenario FILE without threads (review D13)', ['explore', '--scenario', noThreads], /no-threads\.json: threads: must name at least one thread/],
  ['--scenario FILE of an unknown type', ['explore', '--scenario', join(dir, 'x.txt')], /x\.txt/],
  ['--scenario FILE with --set', ['explore', '--scenario', scenario, '--set', 'P=1'], /--set P=1/],
  ['--scenario FILE with --variant', ['explore', '--scenario', scenario, '--variant', 'nocount'], /--variant nocount/],
  ['--scenario FILE and a name', ['explore', 'kvm-race', '--scenario', scenario], /not both/],
  [
    '--checkpoint in a missing directory',
    ['explore', '--scenario', scenario, '--checkpoint', join(missing, 'cp.bin'), '--checkpoint-every', '0.000001'],
    /missing\.json/,
  ],
  ['check --events foo', ['check', '--events', 'foo'], /--events foo/],
  ['check --site 99', ['check', '--site', '99'], /--site 99/],
  ['check --site x', ['check', '--site', 'x'], /--site x/],
  ['check --override garbage', ['check', '--override', 'garbage'], /--override garbage/],
  ['check --override unknown event', ['check', '--override', '16:event=FOO'], /FOO/],
  ['check --override unknown site', ['check', '--override', '99:event=CLEAR'], /99/],
  ['check --max-seconds abc', ['check', '--max-seconds', 'abc'], /--max-seconds/],
  ['check --jobs 0', ['check', '--jobs', '0'], /--jobs/],
  ['check --mirror nosuch', ['check', '--mirror', 'nosuch'], /--mirror nosuch/],
  ['check --scenario nosuch', ['check', '--scenario', 'nosuch'], /--scenario nosuch/],
  ['replay a missing file', ['replay', missing], /missing\.json/],
  ['replay a file that is not JSON', ['replay', notJson], /broken\.json/],
  ['replay a file that is not a counterexample', ['replay', notCounterexample], /cex\.json/],
  ['random --strategy bogus', ['random', 'kvm-race', '--strategy', 'bogus'], /--strategy bogus/],
  ['random --runs abc', ['random', 'kvm-race', '--runs', 'abc'], /--runs/],
  ['random unknown scenario', ['random', 'no-such'], /no-such/],
  ['random --path garbage', ['random', 'kvm-race', '--seed', '1', '--path', 'garbage'], /--path/],
];

describe('bad input: one line on stderr (mnc: or error:), exit 2, no stack trace', () => {
  for (const [what, argv, names] of CASES) {
    it(what, async () => {
      const r = await runMnc(...argv);
      expect(r.code, r.err).toBe(2);
      expect(r.out).toBe('');
      const lines = r.err.trimEnd().split('\n');
      expect(lines, r.err).toHaveLength(1);
      expect(lines[0]).toMatch(/^(mnc|error): /);
      expect(lines[0]).toMatch(names);
      expect(r.err).not.toMatch(/\n\s+at /);
    });
  }
});

describe('an output file that cannot be written', () => {
  it('random --out under a regular file: the run prints, then one line naming the file, exit 2', async () => {
    const nocount = ['random', 'kvm-race', '--set', 'P=1', '--set', 'F=1', '--set', 'Z=1', '--set', 'M=1', '--variant', 'nocount'];
    const r = await runMnc(...nocount, '--seed', '1', '--runs', '100', '--out', join(notJson, 'cex.json'));
    expect(r.code).toBe(2);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^mnc: .*broken\.json.*cex\.json.*\(ENOTDIR\)$/);
  });
});
