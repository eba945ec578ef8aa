/**
 * FINDING (v5.2 events), site #10 (mm/hugetlb.c:hugetlb_change_protection):
 * mprotect(PROT_READ) of a MAP_SHARED hugetlb vma whose PMD table another
 * process shares (its first touch: huge_pmd_share), with the event-aware
 * mirror, and #10 passing the v5.2 merge's MMU_NOTIFY_PROTECTION_VMA (pinned
 * here, whatever the profile). The event promises a protection change only
 * (update_to_read_only: the mirror may keep read-only entries), but
 * huge_pmd_unshare clears this mm's PUD entry: every translation of the
 * shared PMD table leaves this mm. The mirror keeps a read-only entry where
 * the CPU maps nothing.
 * Expected: violation of event-promise (the first found; the mirror's
 * mirror-coherence and device-access follow).
 * With the seed's UNMAP the same race is ok (test/sites/huge.test.ts).
 */
import type { Scenario } from '../../scenario/Scenario.js';
import { sharedPmd } from './hugetlbMprotectVsKvmRead.js';
import { variant } from './mirrorVariant.js';

export const scenario: Scenario = {
  ...variant(sharedPmd, 'aware', {
    name: 'hugetlb-unshare-mprotect-v52-vs-aware-read',
    description: 'v5.2 PROTECTION_VMA at hugetlb_change_protection (#10) while huge_pmd_unshare unmaps a shared PMD table',
    expect: { violation: 'event-promise' },
  }),
  sites: { '10': { event: 'MMU_NOTIFY_PROTECTION_VMA', vma: 'vma' } },
};
