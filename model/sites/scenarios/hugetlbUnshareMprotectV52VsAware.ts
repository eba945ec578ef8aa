/**
 * FINDING (v5.2 events), site #10 (mm/hugetlb.c:hugetlb_change_protection):
 * the litmus test hugetlb-unshare-mprotect-vs-kvm-read with the event-aware
 * mirror in KVM's place, under the
 * event profile of the v5.2 merge, which passes MMU_NOTIFY_PROTECTION_VMA.
 * The event promises a protection change only (the vma's permission is
 * enough: update_to_read_only lets a mirror keep read-only entries), but
 * huge_pmd_unshare clears this mm's PUD entry: every translation of the
 * shared PMD table disappears from this mm. The event-aware mirror keeps a
 * read-only entry where the CPU maps nothing.
 * Expected: violation of mirror-coherence (and event-promise).
 */
import type { Scenario } from '../../scenario/Scenario.js';
import { scenario as base } from './hugetlbUnshareMprotectVsKvmRead.js';
import { mirrorVariant } from './mirrorVariant.js';

export const scenario: Scenario = {
  ...mirrorVariant(10, base, 'aware', { violation: 'mirror-coherence' }).scenario,
  name: 'hugetlb-unshare-mprotect-v52-vs-aware-read',
  description: 'v5.2 PROTECTION_VMA at hugetlb_change_protection (#10) while huge_pmd_unshare unmaps a shared PMD table',
  profile: 'v5.2',
};
