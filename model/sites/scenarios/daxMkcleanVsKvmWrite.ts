/**
 * Site #21 (mm/memory.c:__follow_pte_pmd, PTE branch; the range is ended by
 * fs/dax.c:dax_entry_mkclean), litmus: DAX writeback write-protects and
 * cleans a dirty shared file page while a KVM guest writes it through its
 * writable spte. Expected: ok. The start drops the spte; the guest's write
 * re-fault makes the PTE dirty and writable again (do_wp_page on a shared
 * mapping) after the end.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'dax-mkclean-vs-kvm-write',
  description: 'dax_entry_mkclean -> follow_pte_pmd (#21, ended by the caller) vs a KVM guest write',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  files: [1],
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw', shared: true, file: 0 }], mappings: [{ addr: 0, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'writeback', op: 'dax_writeback', args: { file: 0, index: 0 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};
