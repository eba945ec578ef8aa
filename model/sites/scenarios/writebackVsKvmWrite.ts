/**
 * Site #27 (mm/rmap.c:page_mkclean_one), litmus: writeback of a shared file
 * page (write_cache_pages -> clear_page_dirty_for_io -> page_mkclean) races
 * a KVM guest write to the page (the kvm fault write-faults the page with
 * gup: wp_page_shared dirties it, then installs a writable spte).
 * Expected: ok. After writeback the CPU PTE is read-only and clean; the
 * KVM start dropped the writable spte, so the next guest write faults again
 * and dirties the page for the next writeback.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'writeback-vs-kvm-write',
  description: 'write_cache_pages/page_mkclean_one (#27) on a shared file page vs a KVM guest write',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  files: [1],
  mms: [{ vmas: [{ name: 'file', start: 0, end: 1, prot: 'rw', shared: true, file: 0 }], mappings: [{ addr: 0, write: false }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0 }],
  threads: [
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: true } },
    { name: 'flusher', op: 'write_cache_pages', args: { file: 0, index: 0 } },
  ],
};
