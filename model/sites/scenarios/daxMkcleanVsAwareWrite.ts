/**
 * Site #21 (mm/memory.c:__follow_pte_pmd, PTE branch, ended by
 * fs/dax.c:dax_entry_mkclean), litmus: DAX writeback write-protects a dirty
 * shared page while a device writes it through the event-aware mirror.
 * Expected: ok with the seed's UNMAP and v5.2's CLEAR (the vma is NULL, so
 * the whole range is dropped); with SOFT_DIRTY the device keeps writing a
 * page writeback believes clean.
 */
import type { Scenario } from '../../scenario/Scenario.js';
import { variant } from './mirrorVariant.js';
import { scenario as daxMkcleanVsKvmWrite } from './daxMkcleanVsKvmWrite.js';

/** dax-mkclean-vs-kvm-write with the event-aware mirror in KVM's place (same layout and threads; ok with both event profiles). */
export const scenario: Scenario = variant(daxMkcleanVsKvmWrite, 'aware', {
  name: 'dax-mkclean-vs-aware-write',
  description: 'dax_entry_mkclean -> follow_pte_pmd (#21) vs a device write through the event-aware mirror',
  expect: 'ok',
  threadNames: { guest: 'device' },
});
