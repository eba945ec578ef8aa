/**
 * Site #17 (mm/memory.c:zap_page_range, via madvise(MADV_DONTNEED)),
 * litmus: the zap of a page of a private file mapping, mapped read-only,
 * races a KVM guest's first write to it. A write fault before the zap
 * breaks COW on the file page (do_wp_page -> wp_page_copy, #19); one after
 * it finds the PTE none and copies the file page into a new anonymous
 * page (do_fault -> do_cow_fault: alloc_page_vma, __do_fault,
 * copy_user_highpage, finish_fault), the path no other scenario runs.
 * Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'dontneed-private-file-vs-kvm-write',
  description: 'MADV_DONTNEED (#17) of a private file page vs a KVM guest write faulting it (do_cow_fault after the zap)',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 3,
  files: [1],
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw', file: 0 }], mappings: [{ addr: 0 }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [] }],
  threads: [
    { name: 'dontneed', op: 'madvise_dontneed', args: { mm: 0, start: 0, end: 1 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};
