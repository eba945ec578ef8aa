/**
 * Site #15 (mm/memory.c:copy_page_range), litmus: fork write-protects the
 * parent's page for COW while a device writes it through the event-aware
 * mirror (PROTECTION_PAGE: downgrade at start, re-read the CPU page table at
 * end). Expected: ok with the seed's UNMAP and v5.2's PROTECTION_PAGE; with
 * SOFT_DIRTY the mirror keeps a writable entry to the page now shared with
 * the child.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'fork-vs-aware-write',
  description: 'fork -> dup_mmap -> copy_page_range (#15) vs a device write through the event-aware mirror',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 3,
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true }] }, { vmas: [] }],
  mirrors: [{ name: 'aware0', kind: 'aware', mm: 0, entries: [0] }],
  threads: [
    { name: 'fork', op: 'fork', args: { mm: 0, child: 1 } },
    { name: 'device', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};
