import { stripVTControlCharacters as plain } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runMnc } from './util/runMnc.js';
import { SITE_SCENARIOS } from '../../model/sites/scenarios/index.js';

describe('mnc sites --json', () => {
  it('28 sites with id, file, function, event and vma', async () => {
    const r = await runMnc('sites', '--json');
    expect(r.code).toBe(0);
    const sites = JSON.parse(r.out) as Record<string, unknown>[];
    expect(sites).toHaveLength(28);
    expect(sites.map((s) => s.id)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
    for (const s of sites) {
      expect(s).toMatchObject({
        file: expect.stringMatching(/^[\w/-]+\.[ch]$/),
        function: expect.stringMatching(/^\w+$/),
        event: expect.stringMatching(/^MMU_NOTIFY_[A-Z_]+$/),
        vma: expect.any(String),
      });
    }
    expect(sites[0]).toMatchObject({ id: 1, file: 'fs/proc/task_mmu.c', function: 'clear_refs_write' });
  });

  it('the table: a header and one line per site', async () => {
    const lines = plain((await runMnc('sites')).out)
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(29);
    expect(lines[1]).toMatch(/^ 1 {2}fs\/proc\/task_mmu\.c:clear_refs_write /);
  });
});

describe('mnc scenarios', () => {
  it('--json: the built-in kvm-race with its parameters and variants, and every site scenario', async () => {
    const r = await runMnc('scenarios', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['builtin', 'sites']);
    const kvm = j.builtin.find((b: { name: string }) => b.name === 'kvm-race');
    expect(kvm.params.map((p: { name: string }) => p.name)).toEqual(['P', 'F', 'Z', 'M']);
    for (const p of kvm.params) expect(Object.keys(p)).toEqual(['name', 'description', 'default', 'min', 'max']);
    expect(kvm.variants).toEqual(expect.arrayContaining(['count', 'nocount']));
    expect(j.sites).toHaveLength(SITE_SCENARIOS.length);
    expect(j.sites.map((s: { name: string }) => s.name)).toEqual(SITE_SCENARIOS.map((x) => x.scenario.name));
    for (const s of j.sites) {
      expect(s).toMatchObject({ site: expect.any(Number), mirrors: expect.any(Array), expect: expect.stringMatching(/^(ok|violation)$/) });
      expect(s.mirrors.length).toBeGreaterThan(0);
    }
    const zero = j.sites.find((s: { name: string }) => s.name === 'mprotect-at-zero-vs-kvm-read');
    expect(zero).toMatchObject({ site: 24, mirrors: ['kvm'], expect: 'violation', expectProperty: 'thread-ends-closed' });
  });

  it('text: kvm-race with --set lines, then one line per site scenario', async () => {
    const r = await runMnc('scenarios');
    expect(r.code).toBe(0);
    const out = plain(r.out);
    expect(out).toMatch(/^ {2}kvm-race: /m);
    expect(out).toMatch(/^ {4}--set P=3 {2}\(1\.\.16\) pages$/m);
    expect(out).toMatch(/^ {4}--variant count \| nocount$/m);
    expect(out).toMatch(/^ {2}#24 +mprotect-at-zero-vs-kvm-read +kvm +expect violation \(thread-ends-closed\)$/m);
    expect(out.split('\n').filter((l) => /^ {2}#\d/.test(l))).toHaveLength(SITE_SCENARIOS.length);
  });

  it('an unknown option: one line, exit 2', async () => {
    const r = await runMnc('scenarios', '--bogus');
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });
});
