/**
 * Site #25 (mm/mremap.c:move_page_tables -> mm/huge_memory.c:move_huge_pmd),
 * litmus: mremap moves a whole anonymous huge PMD while a KVM guest reads
 * the old address through its spte. Expected: ok. The start drops the
 * sptes; move_huge_pmd flushes the CPU TLB before dropping the PMD lock.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'mremap-thp-vs-kvm-read',
  description: 'mremap of a whole THP -> move_page_tables (#25) -> move_huge_pmd vs a KVM guest read of the old address',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, huge: true, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0, 1] }],
  threads: [
    { name: 'mremap', op: 'mremap', args: { mm: 0, old: 0, len: 2, new: 2 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 1, write: false } },
  ],
};
