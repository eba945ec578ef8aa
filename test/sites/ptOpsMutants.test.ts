/**
 * The page-table operation sites' litmus tests are not vacuous: the same scenario with its site's
 * notifier calls removed (a mutant of the site's own programs: start and end
 * skipped) gives a counterexample.
 */
import { describe, expect, test } from 'vitest';
import { PT_OPS_BASE_SCENARIOS } from '../../model/sites/scenarios/ptOpsScenarios.js';
import { statusWithoutNotifier } from './util/withoutNotifier.js';

const SITE_PROGRAMS: Record<string, readonly string[]> = {
  'fork-vs-kvm-write': ['copy_page_range'],
  'fork-thp-vs-kvm-write': ['copy_page_range'],
  'munmap-vs-kvm-fault': ['unmap_vmas'],
  'munmap-thp-half-vs-kvm-read': ['unmap_vmas'],
  'cow-fault-vs-kvm-read': ['wp_page_copy'],
  'dax-pmd-mkclean-vs-kvm-read': ['__follow_pte_pmd', 'dax_writeback'],
  'dax-mkclean-vs-kvm-write': ['__follow_pte_pmd', 'dax_writeback'],
  'mprotect-vs-kvm-write': ['change_pmd_range'],
  'mprotect-thp-vs-kvm-write': ['change_pmd_range'],
  'mprotect-thp-half-vs-kvm-write': ['change_pmd_range'],
  'mremap-vs-kvm-read': ['move_page_tables'],
  'mremap-thp-vs-kvm-read': ['move_page_tables'],
  'mremap-thp-split-vs-kvm-read': ['move_page_tables'],
  'oom-reap-vs-kvm-fault': ['__oom_reap_task_mm'],
};

function mutantStatus(name: string, progs: readonly string[]): string {
  return statusWithoutNotifier(PT_OPS_BASE_SCENARIOS.find((x) => x.scenario.name === name)!.scenario, progs);
}

describe('a site without its notifier calls is caught by its litmus test', () => {
  for (const [name, progs] of Object.entries(SITE_PROGRAMS)) {
    test(name, () => expect(mutantStatus(name, progs)).toBe('violation'));
  }
  // MADV_FREE changes only the PTE's young/dirty bits: without its range KVM keeps a writable
  // spte across the clean (mkclean-observed).
  test('madv-free-vs-kvm-write', () => expect(mutantStatus('madv-free-vs-kvm-write', ['madvise_free_single_vma'])).toBe('violation'));
});
