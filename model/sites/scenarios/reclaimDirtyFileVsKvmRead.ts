/**
 * Site #28 (mm/rmap.c:try_to_unmap_one), litmus: direct reclaim
 * (shrink_page_list) of a dirty page of a shared file mapping while a KVM
 * guest reads it through its spte. try_to_unmap unmaps it inside #28's
 * range (which drops the spte) and moves the PTE's dirty bit to the page;
 * direct reclaim does not write file pages back (`page_is_file_cache(page)
 * && !current_is_kswapd()`: SetPageReclaim, goto activate_locked), so the
 * page stays in the page cache, unmapped: the activate_locked path no
 * other scenario runs. Expected: ok. The guest's re-fault maps the page
 * again after reclaim unlocks it (filemap_fault's lock_page).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'reclaim-dirty-file-vs-kvm-read',
  description: 'shrink_page_list -> try_to_unmap_one (#28) of a dirty shared file page, kept (activate_locked), vs a KVM guest read',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  files: [1],
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw', shared: true, file: 0 }], mappings: [{ addr: 0, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'reclaim', op: 'shrink_page_list', args: { file: 0, index: 0 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
