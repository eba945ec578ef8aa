import { truncateSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runConform } from '../../src/conform/runConform.js';
import { scanTree } from '../../src/conform/scanTree.js';
import type { KnownSite } from '../../src/conform/KnownSite.js';
import { fixtureTree } from './util/fixtureTree.js';

const MEMORY_C = `
#include <linux/mmu_notifier.h>
void zap(struct vm_area_struct *vma, unsigned long start, unsigned long size)
{
	struct mmu_notifier_range range;
	mmu_notifier_range_init(&range, MMU_NOTIFY_CLEAR, 0, vma, vma->vm_mm,
				start, start + size);
}
static void collapse(struct mm_struct *mm, unsigned long address)
{
	struct vm_area_struct *vma;
	struct mmu_notifier_range range;
	mmu_notifier_range_init(&range, MMU_NOTIFY_CLEAR, 0, NULL, mm, address, address + 4096);
}
static void wrong(struct mm_struct *mm, struct vm_fault *vmf)
{
	struct mmu_notifier_range range;
	mmu_notifier_range_init(&range, MMU_NOTIFY_CLEAR, 0, new_vma, mm, 0, 1);
	mmu_notifier_range_init(&range, MMU_NOTIFY_CLEAR, 0, mm, mm, 0, 1);
	mmu_notifier_range_init(&range, MMU_NOTIFY_CLEAR, 0, vmf->vma, mm, 0, 1);
	mmu_notifier_range_init(&range, MMU_NOTIFY_CLEAR, 0, other->vma, mm, 0, 1);
}
`;

const CATALOG: KnownSite[] = [
  { id: 'z', file: 'mm/memory.c', function: 'zap', event: 'MMU_NOTIFY_CLEAR', vma: 'vma' },
  { id: 'c', file: 'mm/memory.c', function: 'collapse', event: 'MMU_NOTIFY_CLEAR', vma: 'NULL' },
  { id: 'gone', file: 'mm/memory.c', function: 'removed_since', event: 'MMU_NOTIFY_CLEAR', vma: 'vma' },
];

describe('scanning a tree', () => {
  it('finds calls, the header variants and the enum; skips binary files and reads non-UTF-8 leniently', async () => {
    const root = fixtureTree({
      'mm/memory.c': MEMORY_C,
      'mm/blob.h': Buffer.from([0x6d, 0x6d, 0x75, 0, ...Buffer.from('mmu_notifier_range_init(')]),
      'mm/latin.c': Buffer.from(
        '/* J\xe9r\xf4me */\nvoid l(struct vm_area_struct *vma) { mmu_notifier_range_init(&r, MMU_NOTIFY_UNMAP, 0, vma, vma->vm_mm, 0, 1); }\n',
        'latin1',
      ),
      'Documentation/x.txt': 'mmu_notifier_range_init(a, b, c, d)',
    });
    const s = await scanTree(`${root}/`);
    expect(s.headerGeneration).toBe('v5.2');
    expect(s.enumerators).toEqual(['MMU_NOTIFY_UNMAP', 'MMU_NOTIFY_CLEAR', 'MMU_NOTIFY_PROTECTION_VMA', 'MMU_NOTIFY_PROTECTION_PAGE', 'MMU_NOTIFY_SOFT_DIRTY']);
    expect(s.inits.map((r) => `${r.file}:${r.line}:${r.kind}`)).toEqual([
      'include/linux/mmu_notifier.h:16:definition',
      'include/linux/mmu_notifier.h:29:macro',
      'mm/latin.c:2:call',
      'mm/memory.c:6:call',
      'mm/memory.c:13:call',
      'mm/memory.c:18:call',
      'mm/memory.c:19:call',
      'mm/memory.c:20:call',
      'mm/memory.c:21:call',
    ]);
    expect(s.notes.map((n) => `${n.file}: ${n.message}`)).toEqual([
      'mm/blob.h: skipped: binary file (contains NUL bytes)',
      'mm/latin.c: not valid UTF-8: read as Latin-1',
    ]);
  });

  it('skips a 100 MB file with a note, never reading it whole', async () => {
    const root = fixtureTree({ 'mm/huge.c': '' });
    truncateSync(`${root}/mm/huge.c`, 100 * 1024 * 1024);
    const s = await scanTree(root);
    expect(s.notes.map((n) => `${n.file}: ${n.message}`)).toEqual(['mm/huge.c: skipped: too large (over 67108864 bytes)']);
  });

  it('checks vmas against the scope and the catalog: unmodelled and stale sites', async () => {
    const root = fixtureTree({ 'mm/memory.c': MEMORY_C });
    const r = await runConform({ tree: root, catalog: CATALOG });
    expect(r.verdict).toBe('fail');
    const at = (line: number) => r.diagnostics.filter((d) => d.line === line).map((d) => `${d.severity} ${d.code}`);
    expect(at(6)).toEqual([]);
    expect(at(13)).toEqual(['note vma-null-in-scope']);
    expect(at(18)).toEqual(['error unmodelled-site', 'error vma-not-in-scope']);
    expect(at(19)).toEqual(['error unmodelled-site', 'error vma-not-in-scope']);
    expect(at(20)).toEqual(['error unmodelled-site']);
    expect(at(21)).toEqual(['error unmodelled-site', 'error vma-not-in-scope']);
    expect(r.unmodelled.map((s) => s.line)).toEqual([18, 19, 20, 21]);
    expect(r.stale.map((s) => s.catalogId)).toEqual(['gone']);
    expect(r.sites.map((s) => s.status)).toEqual(['ok', 'ok', 'unmodelled', 'unmodelled', 'unmodelled', 'unmodelled']);
  });

  it('an old-form call in a tree whose header declares v5.2 is a missing site', async () => {
    const root = fixtureTree({ 'mm/old.c': 'void o(struct mm_struct *mm) { mmu_notifier_range_init(&r, mm, 0, 1); }\n' });
    const r = await runConform({ tree: root });
    expect(r.missing.map((m) => `${m.file}:${m.line}:${m.function}`)).toEqual(['mm/old.c:1:o']);
    expect(r.verdict).toBe('fail');
  });

  it('with a patch, applies it in memory (whitespace-insensitively) and checks the whole patched tree', async () => {
    const root = fixtureTree({
      'mm/a.c': 'void a(struct vm_area_struct *vma)\n{\n\tmmu_notifier_range_init(&r, vma->vm_mm, 0, 1);\n}\n',
      'mm/b.c': 'void b(struct vm_area_struct *vma)\n{\n\tmmu_notifier_range_init(&r, vma->vm_mm, 0, 1);\n}\n',
    });
    const patch = [
      '--- a/mm/a.c',
      '+++ b/mm/a.c',
      '@@ -1,4 +1,4 @@',
      'void a(struct vm_area_struct *vma)',
      '{',
      '- mmu_notifier_range_init(&r, vma->vm_mm, 0, 1);',
      '+ mmu_notifier_range_init(&r, MMU_NOTIFY_UNMAP, 0, vma, vma->vm_mm, 0, 1);',
      '}',
      '',
    ].join('\n');
    const r = await runConform({ tree: root, patch: { name: 'p', bytes: Buffer.from(patch) } });
    expect(r.mode).toBe('tree+patch');
    expect(r.sites.map((s) => [s.file, s.generation, s.change])).toEqual([
      ['mm/a.c', 'v5.2', 'converted'],
      ['mm/b.c', 'v5.0', 'unchanged'],
    ]);
    expect(r.missing.map((m) => m.file)).toEqual(['mm/b.c']);
  });

  it('applies a series in order: a later patch to a file applies on the earlier one', async () => {
    const root = fixtureTree({ 'mm/a.c': 'void a(struct vm_area_struct *vma)\n{\n\tmmu_notifier_range_init(&r, vma->vm_mm, 0, 1);\n}\n' });
    const one =
      '--- a/mm/a.c\n+++ b/mm/a.c\n@@ -3 +3 @@\n' +
      '-\tmmu_notifier_range_init(&r, vma->vm_mm, 0, 1);\n' +
      '+\tmmu_notifier_range_init(&r, MMU_NOTIFY_UNMAP, vma, vma->vm_mm, 0, 1);\n';
    const two =
      '--- a/mm/a.c\n+++ b/mm/a.c\n@@ -3 +3 @@\n' +
      '-\tmmu_notifier_range_init(&r, MMU_NOTIFY_UNMAP, vma, vma->vm_mm, 0, 1);\n' +
      '+\tmmu_notifier_range_init(&r, MMU_NOTIFY_CLEAR, 0, vma, vma->vm_mm, 0, 1);\n';
    const r = await runConform({ tree: root, patch: { name: 'series', bytes: Buffer.from(one + two) } });
    expect(r.sites.map((s) => [s.event, s.generation])).toEqual([['MMU_NOTIFY_CLEAR', 'v5.2']]);
    expect(r.missing).toEqual([]);
  });

  it('refuses a directory that is not a kernel tree, and a patch that does not apply', async () => {
    await expect(runConform({ tree: '/nonexistent/x' })).rejects.toThrow('/nonexistent/x: not a directory');
    const notKernel = fixtureTree({});
    const { rmSync } = await import('node:fs');
    rmSync(`${notKernel}/Makefile`);
    await expect(runConform({ tree: notKernel })).rejects.toThrow(`${notKernel}: not a kernel source tree (no Makefile)`);
    const root = fixtureTree({ 'mm/a.c': 'void a(void)\n{\n}\n' });
    const patch = `--- a/mm/a.c\n+++ b/mm/a.c\n@@ -1,2 +1,2 @@\n-something else\n+x\n other\n`;
    await expect(runConform({ tree: root, patch: { name: 'p', bytes: Buffer.from(patch) } })).rejects.toThrow(
      /mm\/a\.c: the hunk at patch line 3 does not apply/,
    );
  });
});
