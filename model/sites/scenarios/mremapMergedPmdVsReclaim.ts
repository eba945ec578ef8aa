/**
 * Site #25 (mm/mremap.c:move_page_tables), litmus, the control of F7
 * (mremap-pmd-vs-reclaim): the same whole-PMD move against reclaim's
 * try_to_unmap_one (#28), but to a place where copy_vma merges the moved
 * pages into the next vma (mm/mmap.c:vma_merge case 3: `next` maps file
 * pages 2 and 3 at [4,6), so [2,4) with pages 0 and 1 continues it
 * downwards; __vma_adjust moves its start to 2 under i_mmap_rwsem and the
 * anon_vma lock). copy_vma then sets `need_rmap_locks = (new_vma->vm_pgoff
 * <= vma->vm_pgoff)`, true here (0 <= 0), and move_page_tables takes the
 * rmap locks around each move (take_rmap_locks: i_mmap_lock_write of the
 * file, anon_vma_lock_write), so the walker, which holds i_mmap_rwsem for
 * read (rmap_walk_file), runs wholly before or after the move. The mapping
 * is private with one anon_vma for both vmas (is_mergeable_anon_vma) so
 * that both locks are taken. Expected: ok. Without the neighbour, copy_vma
 * links a fresh vma, need_rmap_locks is false, and the same race is F7
 * (test/sites/mremapMergedPmd.test.ts).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'mremap-merged-pmd-vs-reclaim',
  description: 'mremap merging into the next vma (copy_vma: need_rmap_locks, #25) vs reclaim of a moving page (try_to_unmap_one, #28)',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 4, puds: 1 },
  frames: 2,
  files: [4],
  mms: [
    {
      vmas: [
        { name: 'old', start: 0, end: 2, prot: 'r', file: 0, anonVma: 0 },
        { name: 'next', start: 4, end: 6, prot: 'r', file: 0, pgoff: 2, anonVma: 0 },
      ],
      mappings: [
        { addr: 0, young: false },
        { addr: 1, young: false },
      ],
    },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'mremap', op: 'mremap', args: { mm: 0, old: 0, len: 2, new: 2 } },
    { name: 'kswapd', op: 'shrink_page_list', args: { file: 0, index: 0 } },
  ],
};
