import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMnc } from '../cli/util/runMnc.js';
import { fixtureTree } from './util/fixtureTree.js';

/**
 * A v5.2-API tree cut down to three catalog sites, with the events Debian's
 * 6.1 passes (SOFT_DIRTY at clear_refs_write, #1: F6; PROTECTION_VMA at
 * hugetlb_change_protection, #10: F5; UNMAP at unmap_vmas, #16), and one
 * site the catalog does not know (hugetlb_unshare_pmds, as in 6.1).
 */
const MEMORY_C = `void unmap_vmas(struct mmu_gather *tlb, struct vm_area_struct *vma, unsigned long start_addr, unsigned long end_addr)
{
	struct mmu_notifier_range range;

	mmu_notifier_range_init(&range, MMU_NOTIFY_UNMAP, 0, vma, vma->vm_mm, start_addr, end_addr);
	mmu_notifier_invalidate_range_start(&range);
	for ( ; vma && vma->vm_start < end_addr; vma = vma->vm_next)
		unmap_single_vma(tlb, vma, start_addr, end_addr, NULL);
	mmu_notifier_invalidate_range_end(&range);
}
`;
const FILES = {
  'fs/proc/task_mmu.c': `static ssize_t clear_refs_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	struct mmu_notifier_range range;
	struct vm_area_struct *vma;

	mmu_notifier_range_init(&range, MMU_NOTIFY_SOFT_DIRTY, 0, NULL, mm, 0, -1UL);
	mmu_notifier_invalidate_range_start(&range);
}
`,
  'mm/hugetlb.c': `unsigned long hugetlb_change_protection(struct vm_area_struct *vma, unsigned long address, unsigned long end, pgprot_t newprot)
{
	struct mmu_notifier_range range;

	mmu_notifier_range_init(&range, MMU_NOTIFY_PROTECTION_VMA, 0, vma, mm, start, end);
	mmu_notifier_invalidate_range_start(&range);
}

void hugetlb_unshare_pmds(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	struct mmu_notifier_range range;

	mmu_notifier_range_init(&range, MMU_NOTIFY_CLEAR, 0, vma, mm, start, end);
}
`,
  'mm/memory.c': MEMORY_C,
};

/** A patch that breaks #16: unmap_vmas passes a protection event for an unmap. */
const BREAK_16 = `diff --git a/mm/memory.c b/mm/memory.c
--- a/mm/memory.c
+++ b/mm/memory.c
@@ -2,7 +2,7 @@
 {
 	struct mmu_notifier_range range;
 
-	mmu_notifier_range_init(&range, MMU_NOTIFY_UNMAP, 0, vma, vma->vm_mm, start_addr, end_addr);
+	mmu_notifier_range_init(&range, MMU_NOTIFY_PROTECTION_VMA, 0, vma, vma->vm_mm, start_addr, end_addr);
 	mmu_notifier_invalidate_range_start(&range);
 	for ( ; vma && vma->vm_start < end_addr; vma = vma->vm_next)
 		unmap_single_vma(tlb, vma, start_addr, end_addr, NULL);
`;

interface Diag {
  severity: string;
  code: string;
  file?: string;
  line?: number;
  message: string;
}

describe('mnc conform triages with the known findings and a baseline', () => {
  const tree = fixtureTree(FILES);
  const errors = (j: { diagnostics: Diag[] }): string[] => j.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line} ${d.code}`);

  it('F5 and F6 are notes naming their ids, not errors; the unmodelled site still fails the gate', async () => {
    const r = await runMnc('conform', '--tree', tree, '--format', 'json');
    const j = JSON.parse(r.out);
    expect(j.sites.map((s: { catalogId: string; status: string; known: string[] }) => [s.catalogId, s.status, s.known])).toEqual([
      ['1', 'known', ['F6']],
      ['10', 'known', ['F5']],
      [null, 'unmodelled', []],
      ['16', 'ok', []],
    ]);
    const notes = j.diagnostics.filter((d: Diag) => d.code === 'known-finding').map((d: Diag) => d.message.split(':')[0]);
    expect(notes).toEqual(['known finding F6', 'known finding F5']);
    expect(errors(j)).toEqual(['mm/hugetlb.c:13 unmodelled-site']);
    expect(r.code).toBe(1);
  });

  it("--baseline accepts what was there; a patch that breaks a site fails with only that site's new finding", async () => {
    const baseline = join(tree, 'baseline.json');
    writeFileSync(baseline, (await runMnc('conform', '--tree', tree, '--format', 'json')).out);
    const same = await runMnc('conform', '--tree', tree, '--baseline', baseline, '--format', 'json');
    expect(errors(JSON.parse(same.out))).toEqual([]);
    expect(same.code).toBe(0);

    const patch = join(tree, 'break16.patch');
    writeFileSync(patch, BREAK_16);
    const broken = await runMnc('conform', '--tree', tree, '--patch', patch, '--baseline', baseline, '--format', 'json');
    const j = JSON.parse(broken.out);
    expect(errors(j)).toEqual(['mm/memory.c:5 model-violation']);
    expect(j.diagnostics.find((d: Diag) => d.code === 'unmodelled-site').message).toMatch(/^in the baseline: /);
    expect(broken.code).toBe(1);

    // the same baseline as SARIF (fingerprints), and the JUnit report fails only the broken site
    const sarif = await runMnc('conform', '--tree', tree, '--format', 'sarif');
    writeFileSync(`${baseline}.sarif`, sarif.out);
    const junit = await runMnc('conform', '--tree', tree, '--patch', patch, '--baseline', `${baseline}.sarif`, '--format', 'junit');
    expect(junit.code).toBe(1);
    expect(junit.out.match(/<failure /g)).toHaveLength(1);
    expect(junit.out).toMatch(/name="unmap_vmas:5" time="0">\n\s*<failure type="violation"/);
  });

  it('a baseline that is not a report is bad input (exit 2, one line)', async () => {
    const bad = join(tree, 'bad.json');
    writeFileSync(bad, '{"x": 1}');
    const r = await runMnc('conform', '--tree', tree, '--baseline', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^mnc: .*bad\.json: expected a previous mnc conform report.*\n$/);
  });
});
