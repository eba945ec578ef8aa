/**
 * Site #25 (mm/mremap.c:move_page_tables), litmus for copy_vma's vma_merge
 * case 1 (mm/mmap.c): the page mremap moves fills the hole between two
 * vmas that continue it on both sides (one anonymous mapping cut in three
 * by earlier mremaps: pgoff 0 at [0,1), 1 at [3,4), 2 at [2,3), one
 * anon_vma). __vma_adjust extends the first over [0,3) and removes the
 * one at [2,3) (__vma_unlink_prev under the anon_vma lock, then anon_vma_merge's
 * unlink_anon_vmas and vm_area_free), need_rmap_locks is true (0 <= 1), and
 * move_ptes moves the PTE under the rmap locks, while a KVM guest reads
 * the old address. Expected: ok (the start drops the spte before the PTE
 * moves; afterwards the old address has no vma and the fault fails).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'mremap-fill-hole-vs-kvm-read',
  description: 'mremap filling the hole between two vmas it continues (copy_vma: vma_merge case 1, #25) vs a KVM guest read of the old address',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  mms: [
    {
      vmas: [
        { name: 'prev', start: 0, end: 1, prot: 'rw', pgoff: 0, anonVma: 0 },
        { name: 'next', start: 2, end: 3, prot: 'rw', pgoff: 2, anonVma: 0 },
        { name: 'moved', start: 3, end: 4, prot: 'rw', pgoff: 1, anonVma: 0 },
      ],
      mappings: [{ addr: 3, write: true, dirty: true }],
    },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [3] }],
  threads: [
    { name: 'mremap', op: 'mremap', args: { mm: 0, old: 3, len: 1, new: 1 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 3, write: false } },
  ],
};
