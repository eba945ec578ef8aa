/**
 * The rmap sites' litmus tests are not vacuous: the same scenario with its site's
 * notifier calls removed (start, end, invalidate_range and change_pte skipped
 * in the site's own programs) gives a counterexample.
 */
import { describe, expect, test } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import { RMAP_BASE_SCENARIOS } from '../../model/sites/scenarios/rmapScenarios.js';
import { mmProperties } from '../../properties/mmProperties.js';
import { bfs } from '../../src/engine/bfs.js';
import { pmdSize } from '../../model/mm/Geometry.js';
import { onePageRangeInit } from '../../model/sites/onePageRange.js';
import { editProgram, registryWith, withRun } from '../../properties/mutants/programEdits.js';
import { statusWithoutNotifier } from './util/withoutNotifier.js';

const SITE_PROGRAMS: Record<string, readonly string[]> = {
  'clear-refs-vs-kvm-write': ['clear_refs_write'],
  'uprobe-vs-kvm-read': ['__replace_page'],
  'ksm-write-protect-vs-kvm-write': ['write_protect_page'],
  'ksm-merge-vs-kvm-write': ['write_protect_page', 'replace_page'],
  'migrate-vma-vs-kvm-read': ['migrate_vma_collect'],
  'writeback-vs-kvm-write': ['page_mkclean_one'],
  'reclaim-vs-kvm-fault': ['try_to_unmap_one'],
  'reclaim-anon-vs-kvm-write': ['try_to_unmap_one'],
  'hugetlb-migrate-vs-kvm-read': ['try_to_unmap_one'],
  'hugetlb-unshare-vs-kvm-sptes': ['try_to_unmap_one'],
};

function mutantStatus(name: string, progs: readonly string[]): string {
  return statusWithoutNotifier(RMAP_BASE_SCENARIOS.find((x) => x.scenario.name === name)!.scenario, progs);
}

describe('an rmap site without its notifier calls is caught by its litmus test', () => {
  for (const [name, progs] of Object.entries(SITE_PROGRAMS)) {
    test(name, () => expect(mutantStatus(name, progs)).toBe('violation'));
  }
  // #23 replaces the zero page a guest read fault mapped (migrate_vma_insert_page's flush
  // path): without its range KVM keeps the spte on the zero page (mirror-coherence).
  test('migrate-vma-hole-vs-kvm-read', () => expect(mutantStatus('migrate-vma-hole-vs-kvm-read', ['migrate_vma_pages'])).toBe('violation'));
});

describe('#28 without adjust_range_if_pmd_sharing_possible', () => {
  test('hugetlb-unshare-vs-kvm-sptes: huge_pmd_unshare drops the whole PUD outside the unwidened range', () => {
    const sc = RMAP_BASE_SCENARIOS.find((x) => x.scenario.name === 'hugetlb-unshare-vs-kvm-sptes')!.scenario;
    const noAdjust = editProgram('try_to_unmap_one', {
      mmu_notifier_range_init: withRun((c) => {
        onePageRangeInit(c, '28', 'address', c.s.frames[c.n('page')]!.huge ? pmdSize(c.g) : 1);
        return undefined;
      }),
    });
    const r = bfs(buildMmModel(sc, { registry: registryWith([noAdjust]) }), mmProperties(sc, []));
    expect(r.status).toBe('violation');
    if (r.status === 'violation') expect(r.violations.map((v) => v.property)).toContain('change-covered');
  });
});
