/**
 * Site #28 (mm/rmap.c:try_to_unmap_one), litmus: reclaim of a clean
 * page-cache page (mm/vmscan.c:shrink_page_list -> try_to_unmap) races a
 * KVM guest read of the same page through its spte (which faults and
 * re-pins the page with gup when the spte is gone).
 * Expected: ok. The KVM start drops the spte and holds off the fault's
 * install (mmu_notifier_count) until the end; a gup pin makes
 * __remove_mapping keep the page.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'reclaim-vs-kvm-fault',
  description: 'shrink_page_list/try_to_unmap_one (#28) on a shared file page vs a KVM guest read through the spte',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 3,
  files: [1],
  mms: [{ vmas: [{ name: 'file', start: 0, end: 1, prot: 'r', shared: true, file: 0 }], mappings: [{ addr: 0, young: false }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'kswapd', op: 'shrink_page_list', args: { file: 0, index: 0 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
