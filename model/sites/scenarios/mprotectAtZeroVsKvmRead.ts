/**
 * Site #24 (mm/mprotect.c:change_pmd_range), litmus: mprotect(PROT_READ) of
 * a page mapped at address 0 (possible only with vm.mmap_min_addr = 0) races
 * a KVM guest read. change_pmd_range uses `range.start` as its "started"
 * flag: a range starting at address 0 looks never started, so
 * `if (range.start) mmu_notifier_invalidate_range_end(&range)` skips the end.
 * Expected: violation (a finding): the start is never paired with an end,
 * KVM's mmu_notifier_count stays 1 and the guest's fault retries forever.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'mprotect-at-zero-vs-kvm-read',
  description: 'mprotect(PROT_READ) of page 0 -> change_pmd_range (#24) never ends its range; vs a KVM guest read',
  expect: 'violation',
  expectProperty: 'thread-ends-closed',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'mprotect', op: 'mprotect', args: { mm: 0, start: 0, end: 1, prot: 'r' } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
