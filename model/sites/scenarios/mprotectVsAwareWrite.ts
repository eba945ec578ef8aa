/**
 * Site #24 (mm/mprotect.c:change_pmd_range), litmus: mprotect(PROT_READ)
 * races a device write through the event-aware mirror, which downgrades
 * instead of dropping when mmu_notifier_range_update_to_read_only() says so
 * (PROTECTION_VMA, vma still VM_READ). Expected: ok with the seed's UNMAP
 * and v5.2's PROTECTION_VMA; an event that promises "same access flags"
 * (SOFT_DIRTY) leaves a writable device entry over a read-only PTE.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'mprotect-vs-aware-write',
  description: 'mprotect(PROT_READ) -> change_pmd_range (#24) vs a device write through the event-aware mirror',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 1, end: 2, prot: 'rw' }], mappings: [{ addr: 1, write: true, dirty: true }] }],
  mirrors: [{ name: 'aware0', kind: 'aware', mm: 0, entries: [1] }],
  threads: [
    { name: 'mprotect', op: 'mprotect', args: { mm: 0, start: 1, end: 2, prot: 'r' } },
    { name: 'device', op: 'device_access', args: { m: 0, addr: 1, write: true } },
  ],
};
