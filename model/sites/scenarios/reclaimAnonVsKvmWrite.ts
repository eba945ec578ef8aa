/**
 * Site #28 (mm/rmap.c:try_to_unmap_one), litmus: reclaim of a dirty
 * anonymous page to swap (mm/vmscan.c:shrink_page_list: add_to_swap,
 * try_to_unmap -> a swap entry, pageout, __remove_mapping) races a KVM guest
 * write through its writable spte (which faults the page back in with gup:
 * do_swap_page when the PTE is a swap entry).
 * Expected: ok. The KVM start drops the spte before the PTE becomes a swap
 * entry and holds off the fault's install until the end; a write that
 * lands before the start is in the page pageout writes to the slot; a gup
 * pin makes pageout (is_page_cache_freeable) keep the page.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'reclaim-anon-vs-kvm-write',
  description: 'shrink_page_list/try_to_unmap_one (#28) swapping out an anonymous page vs a KVM guest write through the spte',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  swap: 1,
  mms: [{ vmas: [{ name: 'anon', start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true, young: false }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'kswapd', op: 'shrink_page_list', args: { mm: 0, addr: 0 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};
