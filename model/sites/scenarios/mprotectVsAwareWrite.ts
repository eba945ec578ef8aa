/**
 * Site #24 (mm/mprotect.c:change_pmd_range), litmus: mprotect(PROT_READ)
 * races a device write through the event-aware mirror, which downgrades
 * instead of dropping when mmu_notifier_range_update_to_read_only() says so
 * (PROTECTION_VMA, vma still VM_READ). Expected: ok with the seed's UNMAP
 * and v5.2's PROTECTION_VMA; an event that promises "same access flags"
 * (SOFT_DIRTY) leaves a writable device entry over a read-only PTE.
 */
import type { Scenario } from '../../scenario/Scenario.js';
import { variant } from './mirrorVariant.js';
import { scenario as mprotectVsKvmWrite } from './mprotectVsKvmWrite.js';

/** mprotect-vs-kvm-write with the event-aware mirror in KVM's place (same layout and threads; ok with both event profiles). */
export const scenario: Scenario = variant(mprotectVsKvmWrite, 'aware', {
  name: 'mprotect-vs-aware-write',
  description: 'mprotect(PROT_READ) -> change_pmd_range (#24) vs a device write through the event-aware mirror',
  expect: 'ok',
  threadNames: { guest: 'device' },
});
