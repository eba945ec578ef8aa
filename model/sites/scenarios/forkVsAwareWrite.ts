/**
 * Site #15 (mm/memory.c:copy_page_range), litmus: fork write-protects the
 * parent's page for COW while a device writes it through the event-aware
 * mirror (PROTECTION_PAGE: downgrade at start, re-read the CPU page table at
 * end). Expected: ok with the seed's UNMAP and v5.2's PROTECTION_PAGE; with
 * SOFT_DIRTY the mirror keeps a writable entry to the page now shared with
 * the child.
 */
import type { Scenario } from '../../scenario/Scenario.js';
import { variant } from './mirrorVariant.js';
import { scenario as forkVsKvmWrite } from './forkVsKvmWrite.js';

/** fork-vs-kvm-write with the event-aware mirror in KVM's place (same layout and threads; ok with both event profiles). */
export const scenario: Scenario = variant(forkVsKvmWrite, 'aware', {
  name: 'fork-vs-aware-write',
  description: 'fork -> dup_mmap -> copy_page_range (#15) vs a device write through the event-aware mirror',
  expect: 'ok',
  threadNames: { guest: 'device' },
});
