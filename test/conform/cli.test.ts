import { mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMnc } from '../cli/util/runMnc.js';
import { SEED_PATCH_PATH, seedPatchText } from './util/seedPatch.js';

const dir = mkdtempSync(join(tmpdir(), 'mnc-conform-cli-'));
const file = (name: string, body: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};

describe('mnc conform (CLI)', () => {
  it('the seed patch passes: 28 site lines, the notes, a PASS summary, exit 0', async () => {
    // the model's verdicts are tested in modelGate.test.ts, site by site
    const r = await runMnc('conform', '--no-model', '--patch', SEED_PATCH_PATH);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(
      lines.filter((l) => /^[\w/.]+:\d+: note: site in \w+\(\): event MMU_NOTIFY_UNMAP, vma \S+ \[seed, converted, catalog site \d+; ok\]$/.test(l)),
    ).toHaveLength(28);
    expect(lines.filter((l) => l.includes('[vma-null-in-scope]')).map((l) => l.split(':')[0])).toEqual([
      'fs/proc/task_mmu.c',
      'mm/khugepaged.c',
      'mm/migrate.c',
      'mm/migrate.c',
    ]);
    expect(lines.every((l) => /^([\w/.-]+:\d+: (error|warning|note): |mnc conform: )/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('mnc conform: 28 sites (v5.0 -> seed), 0 missing, 0 unmodelled, 0 stale, 0 errors: PASS');
  });

  it('a patch with one site left unconverted exits 1 and names the site', async () => {
    const broken = seedPatchText()
      .replace(
        '- mmu_notifier_range_init(&range, vma->vm_mm, old_addr, old_end);\n+ mmu_notifier_range_init(&range, MMU_NOTIFY_UNMAP, vma, vma->vm_mm,\n+ old_addr, old_end);',
        'mmu_notifier_range_init(&range, vma->vm_mm, old_addr, old_end);',
      )
      .replace('@@ -249,7 +249,8 @@ unsigned long move_page_tables', '@@ -249,7 +249,7 @@ unsigned long move_page_tables');
    const r = await runMnc('conform', '--no-model', '--patch', file('broken.patch', broken));
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'mm/mremap.c:252: error: missing site in move_page_tables(): mmu_notifier_range_init still has the v5.0 form (4 arguments); the patch moves the API from v5.0 to seed [missing-site]',
    );
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/1 missing, 0 unmodelled, 0 stale, 1 errors: FAIL$/);
  });

  it('JSON: sites with file, line, function, event, vma, status; missing; unmodelled; verdict', async () => {
    const r = await runMnc('conform', '--no-model', '--patch', SEED_PATCH_PATH, '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.verdict).toBe('pass');
    expect(j.missing).toEqual([]);
    expect(j.unmodelled).toEqual([]);
    expect(j.sites).toHaveLength(28);
    expect(j.declarations.map((d: { file: string; kind: string; generation: string }) => `${d.file} ${d.kind} ${d.generation}`)).toEqual([
      'include/linux/mmu_notifier.h definition seed',
      'include/linux/mmu_notifier.h macro seed',
    ]);
    expect(j.sites[26]).toMatchObject({
      file: 'mm/rmap.c',
      line: 899,
      function: 'page_mkclean_one',
      event: 'MMU_NOTIFY_UNMAP',
      vma: 'vma',
      status: 'ok',
      catalogId: '27',
    });
  });

  it('SARIF 2.1.0: one result per diagnostic, each with a declared rule and a location', async () => {
    const r = await runMnc('conform', '--no-model', '--patch', SEED_PATCH_PATH, '--format', 'sarif');
    const log = JSON.parse(r.out);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    const rules = run.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(run.results.length).toBeGreaterThanOrEqual(4);
    for (const res of run.results) {
      expect(rules[res.ruleIndex]).toBe(res.ruleId);
      expect(['error', 'warning', 'note']).toContain(res.level);
    }
    const notes = run.results.filter((x: { ruleId: string }) => x.ruleId === 'vma-null-in-scope');
    expect(notes[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'fs/proc/task_mmu.c' }, region: { startLine: 1146 } });
  });

  it('JUnit XML: a test case per site, failures counted, written atomically with --output', async () => {
    const out = join(dir, 'junit.xml');
    const r = await runMnc('conform', '--no-model', '--patch', SEED_PATCH_PATH, '--format', 'junit', '--output', out);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const xml = readFileSync(out, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="mnc conform" tests="29" failures="0"/);
    expect(xml.match(/<testcase /g)).toHaveLength(29);
    expect(xml).toContain('<testcase classname="mm/rmap.c" name="try_to_unmap_one:1375" time="0"/>');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a failing gate in JUnit and SARIF: the site is a failed test case and an error result', async () => {
    const broken = seedPatchText()
      .replace(
        '- mmu_notifier_range_init(&range, vma->vm_mm, old_addr, old_end);\n+ mmu_notifier_range_init(&range, MMU_NOTIFY_UNMAP, vma, vma->vm_mm,\n+ old_addr, old_end);',
        'mmu_notifier_range_init(&range, vma->vm_mm, old_addr, old_end);',
      )
      .replace('@@ -249,7 +249,8 @@ unsigned long move_page_tables', '@@ -249,7 +249,7 @@ unsigned long move_page_tables');
    const p = file('broken2.patch', broken);
    const junit = await runMnc('conform', '--no-model', '--patch', p, '--format', 'junit');
    expect(junit.code).toBe(1);
    expect(junit.out).toMatch(/<testsuites name="mnc conform" tests="29" failures="1"/);
    expect(junit.out).toMatch(
      /<testcase classname="mm\/mremap.c" name="move_page_tables:252" time="0">\n {6}<failure type="missing" message="error: missing site in move_page_tables\(\): [^"]*">/,
    );
    const sarif = await runMnc('conform', '--no-model', '--patch', p, '--format', 'sarif');
    expect(sarif.code).toBe(1);
    const errors = JSON.parse(sarif.out).runs[0].results.filter((x: { level: string }) => x.level === 'error');
    expect(
      errors.map((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) => [
        x.ruleId,
        x.locations[0]!.physicalLocation.artifactLocation.uri,
        x.locations[0]!.physicalLocation.region.startLine,
      ]),
    ).toEqual([['missing-site', 'mm/mremap.c', 252]]);
  });

  const bad: [string, () => string[], RegExp][] = [
    ['no input', () => [], /^mnc: conform: give --tree DIR, --patch FILE, or both\n$/],
    ['a missing patch file', () => ['--patch', join(dir, 'nope.patch')], /nope\.patch: cannot read \(ENOENT\)\n$/],
    ['a directory as patch', () => ['--patch', dir], /: not a file\n$/],
    ['an empty patch', () => ['--patch', file('empty.patch', '')], /empty\.patch: empty patch\n$/],
    [
      'a binary patch',
      () => ['--patch', file('bin.patch', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]))],
      /bin\.patch: binary file \(contains NUL bytes\)\n$/,
    ],
    [
      'a truncated patch',
      () => ['--patch', file('cut.patch', seedPatchText().slice(0, 5000))],
      /cut\.patch: truncated patch: the hunk at line \d+ ends early at the end of the input/,
    ],
    ['mail with no diff', () => ['--patch', file('mail.txt', 'Subject: hello\n\nno diff here\n')], /mail\.txt: not a patch/],
    [
      'a 100 MB file',
      () => {
        const p = file('huge.patch', '');
        truncateSync(p, 100 * 1024 * 1024);
        return ['--patch', p];
      },
      /huge\.patch: too large for a patch \(104857600 bytes, limit \d+\)\n$/,
    ],
    ['a directory that is not a kernel tree', () => ['--tree', dir], /: not a kernel source tree \(no Makefile, include\/linux\/, mm\/\)\n$/],
    [
      'an output file in a missing directory',
      () => ['--patch', SEED_PATCH_PATH, '--output', join(dir, 'no/such/dir/r.txt')],
      /r\.txt: cannot write \(ENOENT\)\n$/,
    ],
    [
      'a patch dense in sites beyond the limit (review D9: V8 ran out of memory)',
      () => {
        const seed = seedPatchText();
        const at = seed.indexOf('\ndiff --git') + 1;
        return ['--patch', file('many.patch', seed.slice(0, at) + seed.slice(at).repeat(200))];
      },
      /many\.patch: too many mmu_notifier_range_init calls for one patch \(\d+, limit 10000\)\n$/,
    ],
    [
      'the output is the patch (review D15)',
      () => {
        const p = file('mine.patch', seedPatchText());
        return ['--patch', p, '--output', p];
      },
      /--output .*mine\.patch: is the input .*mine\.patch; writing it would destroy the input\n$/,
    ],
    ['an unknown format', () => ['--patch', SEED_PATCH_PATH, '--format', 'xml'], /--format xml: expected one of text, json, sarif, junit\n$/],
    ['a catalog that is not JSON', () => ['--patch', SEED_PATCH_PATH, '--catalog', file('cat.json', '{oops')], /cat\.json: not a JSON catalog \(bad JSON\)\n$/],
  ];
  for (const [what, args, message] of bad) {
    it(`bad input, ${what}: one line on stderr, exit 2, no stack trace`, async () => {
      const r = await runMnc('conform', '--no-model', ...args());
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(message);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^mnc: /);
    });
  }
});

describe('mnc conform on the seed patch, with the model', () => {
  it("passes: every site found, each site's event and vma verified by its scenarios", async () => {
    const r = await runMnc('conform', '--patch', SEED_PATCH_PATH, '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { verdict: string; sites: { status: string }[]; missing: unknown[]; unmodelled: unknown[] };
    expect(j.verdict).toBe('pass');
    expect(j.sites).toHaveLength(28);
    expect(j.missing).toEqual([]);
    expect(j.unmodelled).toEqual([]);
  }, 600_000); // the model runs every site's scenarios: ~40 s of CPU alone, minutes on a loaded machine
});
