/**
 * Site #20 (mm/memory.c:__follow_pte_pmd, PMD branch; the range is ended by
 * fs/dax.c:dax_entry_mkclean), litmus: DAX writeback write-protects and
 * cleans a dirty huge (PMD) DAX mapping while a KVM guest reads it through
 * its sptes. Expected: ok. The start (PMD-sized range) drops both sptes
 * before pmdp_invalidate; a re-fault after the end maps the same pfn.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'dax-pmd-mkclean-vs-kvm-read',
  description: 'dax_entry_mkclean -> follow_pte_pmd (#20, huge PMD, ended by the caller) vs a KVM guest read',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  files: [2],
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw', shared: true, file: 0 }], mappings: [{ addr: 0, huge: true, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0, 1] }],
  threads: [
    { name: 'writeback', op: 'dax_writeback', args: { file: 0, index: 0 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 1, write: false } },
  ],
};
