import { describe, expect, it } from 'vitest';
import { runConform } from '../../src/conform/runConform.js';
import { SEED_CATALOG } from './util/seedCatalog.js';
import { seedPatchText, seedPatchWith } from './util/seedPatch.js';

const seed = () => ({ name: 'seed.patch', bytes: Buffer.from(seedPatchText()) });

const MREMAP_HUNK = `@@ -249,7 +249,8 @@ unsigned long move_page_tables(struct vm_area_struct *vma,`;
const MREMAP_CALL = `- mmu_notifier_range_init(&range, vma->vm_mm, old_addr, old_end);
+ mmu_notifier_range_init(&range, MMU_NOTIFY_UNMAP, vma, vma->vm_mm,
+ old_addr, old_end);`;

function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture edit: ${from.slice(0, 40)}... not in the seed patch`);
  return text.replace(from, to);
}

describe('the seed patch (v4 2/9, from the mail archive)', () => {
  it('passes the gate and lists all 28 sites with their event and vma, matched to the catalog in order', async () => {
    const r = await runConform({ patch: seed(), catalog: SEED_CATALOG });
    expect(r.verdict).toBe('pass');
    expect(r.generation).toEqual({ from: 'v5.0', to: 'seed' });
    expect(r.sites).toHaveLength(28);
    expect(r.sites.map((s) => s.catalogId)).toEqual(SEED_CATALOG.map((s) => s.id));
    expect(r.sites.map((s) => `${s.file}:${s.function}`)).toEqual(SEED_CATALOG.map((s) => `${s.file}:${s.function}`));
    expect(r.sites.every((s) => s.event === 'MMU_NOTIFY_UNMAP' && s.status === 'ok' && s.change === 'converted')).toBe(true);
    expect(r.sites.map((s) => s.vma)).toEqual(SEED_CATALOG.map((s) => s.vma));
    expect(r.missing).toEqual([]);
    expect(r.unmodelled).toEqual([]);
  });

  it('notes each site where a vma was in scope but NULL was passed (1, 11, 22, 23), and only those', async () => {
    const r = await runConform({ patch: seed(), catalog: SEED_CATALOG });
    const noted = r.sites.filter((s) => s.messages.some((m) => m.startsWith('note: NULL passed as vma'))).map((s) => s.catalogId);
    expect(noted).toEqual(['1', '11', '22', '23']);
    // sites 20 and 21 pass NULL with no vma in scope: no note
    expect(r.sites.filter((s) => s.vma === 'NULL').map((s) => s.catalogId)).toEqual(['1', '11', '20', '21', '22', '23']);
  });

  it('without the catalog, the patch text alone still shows migrate->vma at site 23 (mm is migrate->vma->vm_mm)', async () => {
    const r = await runConform({ patch: seed() });
    expect(r.verdict).toBe('pass');
    const s23 = r.sites.find((s) => s.function === 'migrate_vma_pages')!;
    expect(s23.messages.join('\n')).toMatch(/`migrate->vma` is a vma here/);
    expect(r.diagnostics.some((d) => d.code === 'no-catalog')).toBe(true);
  });

  it('a site left unconverted (old call kept as context) fails the gate, naming the site', async () => {
    const patch = seedPatchWith((t) =>
      edit(edit(t, MREMAP_CALL, 'mmu_notifier_range_init(&range, vma->vm_mm, old_addr, old_end);'), MREMAP_HUNK, MREMAP_HUNK.replace('+249,8', '+249,7')),
    );
    const r = await runConform({ patch, catalog: SEED_CATALOG });
    expect(r.verdict).toBe('fail');
    expect(r.missing.map((m) => `${m.file}:${m.function}`)).toEqual(['mm/mremap.c:move_page_tables']);
    const site = r.sites.find((s) => s.function === 'move_page_tables')!;
    expect(site).toMatchObject({ status: 'missing', generation: 'v5.0', change: 'unchanged', line: 252 });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}: ${d.code}`)).toEqual(['mm/mremap.c:252: missing-site']);
  });

  it('a file the patch forgets entirely fails the gate through the catalog', async () => {
    const patch = seedPatchWith((t) => t.replace(/diff --git a\/mm\/mremap\.c[\s\S]*?(?=diff --git)/, ''));
    const r = await runConform({ patch, catalog: SEED_CATALOG });
    expect(r.verdict).toBe('fail');
    expect(r.sites).toHaveLength(27);
    expect(r.missing).toEqual([
      { file: 'mm/mremap.c', line: null, function: 'move_page_tables', catalogId: '25', reason: 'catalog site not converted by the patch (v5.0 to seed)' },
    ]);
  });

  it('a removed call with no replacement is a site left behind', async () => {
    const patch = seedPatchWith((t) =>
      edit(edit(t, MREMAP_CALL, '- mmu_notifier_range_init(&range, vma->vm_mm, old_addr, old_end);'), MREMAP_HUNK, MREMAP_HUNK.replace('+249,8', '+249,6')),
    );
    const r = await runConform({ patch, catalog: SEED_CATALOG });
    expect(r.verdict).toBe('fail');
    expect(
      r.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => d.code)
        .sort(),
    ).toEqual(['missing-site', 'unreplaced-call']);
  });

  it('the #define stub left at the old form fails: both header variants must change', async () => {
    const patch = seedPatchWith((t) =>
      edit(
        t,
        '-#define mmu_notifier_range_init(range, mm, start, end) \\\n+#define mmu_notifier_range_init(range,event,vma,mm,start,end) \\',
        '#define mmu_notifier_range_init(range, mm, start, end) \\',
      ),
    );
    const r = await runConform({ patch, catalog: SEED_CATALOG });
    expect(r.verdict).toBe('fail');
    const errs = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errs.map((d) => d.code)).toEqual(['header-variant']);
    expect(errs[0]!.message).toMatch(/#define stub .* declares the v5\.0 form/);
  });

  it('an event that is not a known enumerator fails', async () => {
    const patch = seedPatchWith((t) => edit(t, MREMAP_CALL, MREMAP_CALL.replace('MMU_NOTIFY_UNMAP', 'MMU_NOTIFY_MOVE')));
    const r = await runConform({ patch, catalog: SEED_CATALOG });
    expect(r.verdict).toBe('fail');
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.file, d.code])).toEqual([['mm/mremap.c', 'unknown-event']]);
  });

  it('a site the catalog does not know is unmodelled and fails the gate', async () => {
    const r = await runConform({ patch: seed(), catalog: SEED_CATALOG.filter((s) => s.id !== '28') });
    expect(r.verdict).toBe('fail');
    expect(r.unmodelled.map((s) => `${s.file}:${s.function}`)).toEqual(['mm/rmap.c:try_to_unmap_one']);
  });

  it("the model's verdict gates each site: a failing verifier fails with its counterexample", async () => {
    const seen: string[] = [];
    const r = await runConform({
      patch: seed(),
      catalog: SEED_CATALOG,
      verify: async (site, event, vma) => {
        seen.push(`${site.id}:${event}:${vma}`);
        return site.id === '27' ? { status: 'fail', message: 'mirror-coherence: stale entry at 0x1000' } : { status: 'pass' };
      },
    });
    expect(seen).toHaveLength(28);
    expect(seen[0]).toBe('1:MMU_NOTIFY_UNMAP:NULL');
    expect(r.verdict).toBe('fail');
    expect(r.sites.filter((s) => s.status === 'violation').map((s) => s.catalogId)).toEqual(['27']);
    expect(r.diagnostics.find((d) => d.code === 'model-violation')!.message).toMatch(/site 27 .*stale entry at 0x1000/);
  });
});
