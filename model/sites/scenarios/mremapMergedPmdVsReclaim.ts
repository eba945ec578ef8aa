/**
 * Site #25 (mm/mremap.c:move_page_tables), litmus, the control of F7
 * (mremap-pmd-vs-reclaim): the same whole-PMD move against reclaim's
 * try_to_unmap_one (#28), but with need_rmap_locks, as move_vma passes it
 * when copy_vma merged the new vma into a neighbour (copy_vma:
 * `*need_rmap_locks = (new_vma->vm_pgoff <= vma->vm_pgoff)`). Around each
 * move move_page_tables then takes the rmap locks (take_rmap_locks:
 * i_mmap_lock_write of the file, anon_vma_lock_write), so the walker, which
 * holds i_mmap_rwsem for read (rmap_walk_file), runs wholly before or
 * after the move. The mapping is private with an anon_vma so that both
 * locks are taken. The model has no vma_merge: the scenario calls
 * move_page_tables as move_vma does, with the merged vma as new_vma and
 * without its caller's mmap_sem, which reclaim does not take. Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'mremap-merged-pmd-vs-reclaim',
  description: 'move_page_tables with need_rmap_locks (a merged new vma, #25) vs reclaim of its page (try_to_unmap_one, #28)',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  files: [2],
  mms: [
    {
      vmas: [
        { name: 'old', start: 0, end: 2, prot: 'r', file: 0, anonVma: 0 },
        { name: 'merged', start: 2, end: 4, prot: 'r', file: 0, anonVma: 0 },
      ],
      mappings: [
        { addr: 0, young: false },
        { addr: 1, young: false },
      ],
    },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'mremap', op: 'move_page_tables', args: { vma: 'vma:old', old_addr: 0, new_vma: 'vma:merged', new_addr: 2, len: 2, need_rmap_locks: true } },
    { name: 'kswapd', op: 'shrink_page_list', args: { file: 0, index: 0 } },
  ],
};
