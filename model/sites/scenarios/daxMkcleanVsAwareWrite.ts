/**
 * Site #21 (mm/memory.c:__follow_pte_pmd, PTE branch, ended by
 * fs/dax.c:dax_entry_mkclean), litmus: DAX writeback write-protects a dirty
 * shared page while a device writes it through the event-aware mirror.
 * Expected: ok with the seed's UNMAP and v5.2's CLEAR (the vma is NULL, so
 * the whole range is dropped); with SOFT_DIRTY the device keeps writing a
 * page writeback believes clean.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'dax-mkclean-vs-aware-write',
  description: 'dax_entry_mkclean -> follow_pte_pmd (#21) vs a device write through the event-aware mirror',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  files: [1],
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw', shared: true, file: 0 }], mappings: [{ addr: 0, write: true, dirty: true }] }],
  mirrors: [{ name: 'aware0', kind: 'aware', mm: 0, entries: [0] }],
  threads: [
    { name: 'writeback', op: 'dax_writeback', args: { file: 0, index: 0 } },
    { name: 'device', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};
