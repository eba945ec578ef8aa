import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanTree } from '../../src/conform/scanTree.js';
import { runMnc } from '../cli/util/runMnc.js';

/** Debian's linux-source-6.1, extracted by bench/conform/fetch-linux-6.1.sh (run by .ci/setup). */
const TREE = process.env['MNC_LINUX_6_1'] ?? '/var/cache/mnc/linux-6.1';
const present = existsSync(`${TREE}/.mnc-extracted`);
if (!present) console.log(`skipping the linux-6.1 tests: ${TREE} is absent (run bench/conform/fetch-linux-6.1.sh)`);

describe.skipIf(!present)('the Debian linux-source-6.1 tree', () => {
  it('finds the same calls as grep outside the header, and the header variants apart from the calls', async () => {
    const scan = await scanTree(TREE);
    // an independent oracle: every line where a call of the helper begins (in 6.1 no call splits before its parenthesis)
    const grep = execFileSync('grep', ['-rnE', '--include=*.c', '--include=*.h', '\\bmmu_notifier_range_init(_owner)?\\(', '.'], {
      cwd: TREE,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .map((l) => /^\.\/([^:]+):(\d+):/.exec(l)!)
      .map((m) => `${m[1]}:${m[2]}`);
    const header = 'include/linux/mmu_notifier.h';
    const calls = scan.inits.filter((r) => r.kind === 'call').map((r) => `${r.file}:${r.line}`);
    expect(calls.sort()).toEqual(grep.filter((g) => !g.startsWith(header)).sort());
    expect(calls).toHaveLength(31);
    expect(scan.inits.filter((r) => r.file === header).map((r) => `${r.kind} ${r.callee} ${r.generation}`)).toEqual([
      'definition mmu_notifier_range_init v5.2',
      'definition mmu_notifier_range_init_owner v5.2',
      'forward mmu_notifier_range_init v5.2',
      'macro mmu_notifier_range_init v5.2',
      'macro mmu_notifier_range_init_owner v5.2',
    ]);
    expect(scan.headerGeneration).toBe('v5.2');
    expect(scan.enumerators).toContain('MMU_NOTIFY_EXCLUSIVE');
    expect(scan.bare.map((b) => `${b.file}:${b.function}`)).toEqual(['mm/mmu_notifier.c:mn_itree_release']);
  });

  it("mnc conform --tree lists the sites the model's catalog does not know as unmodelled (exit 1) and the v5.0 sites gone as stale", async () => {
    const r = await runMnc('conform', '--tree', TREE, '--no-model', '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.verdict).toBe('fail');
    expect(j.sites).toHaveLength(31);
    expect(j.missing).toEqual([]);
    const unmodelled = j.unmodelled.map((s: { file: string; function: string }) => `${s.file}:${s.function}`);
    expect(unmodelled).toEqual(
      expect.arrayContaining([
        'mm/hugetlb.c:move_hugetlb_page_tables',
        'mm/memory.c:remove_device_exclusive_entry',
        'mm/rmap.c:try_to_migrate_one',
        'mm/migrate_device.c:migrate_vma_collect',
      ]),
    );
    expect(j.stale.map((s: { function: string }) => s.function)).toEqual(expect.arrayContaining(['__follow_pte_pmd']));
    // every site is either known to the catalog or unmodelled, never both
    for (const s of j.sites) expect(s.status === 'unmodelled').toBe(s.catalogId === null);
  });
});
