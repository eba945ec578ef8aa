/**
 * mm/mmap.c:__vma_adjust (v5.0) {vma, start, end, pgoff, remove} as
 * vma_merge calls it for a hole (model/mm/vmaMergePlan.ts: cases 1, 2, 3):
 * the merged vma takes [start, end) and pgoff, and in case 1 swallows
 * `remove` (vma_merge's next). mmap_sem is held for write by the caller,
 * so only rmap walkers (which take i_mmap_rwsem or the anon_vma lock for
 * read, not mmap_sem) can see the change happen:
 *
 *   [case 1: if (exporter->anon_vma && !importer->anon_vma) importer->anon_vma = exporter->anon_vma; anon_vma_clone()]
 *   vma_adjust_trans_huge(orig_vma, start, end, adjust_next);   (a hole: no huge PMD straddles a new boundary)
 *   if (file) { uprobe_munmap(vma, ...); i_mmap_lock_write(mapping); }
 *   anon_vma = vma->anon_vma; if (anon_vma) { anon_vma_lock_write(anon_vma); anon_vma_interval_tree_pre_update_vma(vma); }
 *   if (root) vma_interval_tree_remove(vma, root);
 *   vma->vm_start = start; vma->vm_end = end; vma->vm_pgoff = pgoff;
 *   if (root) vma_interval_tree_insert(vma, root);
 *   if (remove_next) { __vma_unlink_prev(mm, next, vma); if (file) __remove_shared_vm_struct(next, file, mapping); }
 *   if (anon_vma) { anon_vma_interval_tree_post_update_vma(vma); anon_vma_unlock_write(anon_vma); }
 *   if (mapping) i_mmap_unlock_write(mapping);
 *   if (root) uprobe_mmap(vma);
 *   if (remove_next) { if (file) { uprobe_munmap(next, ...); fput(file); }
 *       if (next->anon_vma) anon_vma_merge(vma, next);   (unlink_anon_vmas(next): the root's rwsem for write)
 *       mm->map_count--; mpol_put(vma_policy(next)); vm_area_free(next); }
 *
 * Each lock is a step of its own (as in free_pgtables). rv = the merged vma.
 * Not modelled: uprobe_mmap / uprobe_munmap (no model thread registers a
 * uprobe on a vma mremap moves), the anon_vma import of case 1 (every
 * private vma of the model has an anon_vma, so no importer lacks one: a
 * ModelError if it would).
 */
import { LockName } from '../mm/locks.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';
import { adjustVma, detachVmas, freeVma, unlinkAnonVma, unlinkFileVma } from '../mm/vmaOps.js';
import { vmaOf } from '../mm/vmas.js';

interface Args {
  readonly vma: number;
  readonly start: number;
  readonly end: number;
  readonly pgoff: number;
  /** case 1: the next vma, merged into `vma` and removed; -1 otherwise */
  readonly remove: number;
}
const locals = (a: Args) => ({ vma: a.vma, start: a.start, end: a.end, pgoff: a.pgoff, remove: a.remove });
type L = ReturnType<typeof locals>;

const iMmap = (v: View<L>): string => LockName.iMmap(vmaOf(v.s, v.l.vma).file!);
const anonVma = (v: View<L>): string => LockName.anonVma(vmaOf(v.s, v.l.vma).anonVma!);
const nextAnonVma = (v: View<L>): string => LockName.anonVma(vmaOf(v.s, v.l.remove).anonVma!);

export const vmaAdjust = defineProgram({
  name: '__vma_adjust',
  file: 'mm/mmap.c',
  params: ['vma', 'start', 'end', 'pgoff', 'remove'],
  locals,
  steps: ($) => [
    $.local('__vma_adjust', (c) => {
      const v = vmaOf(c.s, c.l.vma);
      // case 1: exporter = next, importer = vma; if (exporter->anon_vma && !importer->anon_vma) { importer->anon_vma = exporter->anon_vma; anon_vma_clone(importer, exporter); }
      if (c.l.remove >= 0 && v.anonVma === null && vmaOf(c.s, c.l.remove).anonVma !== null)
        return c.fail('__vma_adjust: the anon_vma import of a merge (a private vma without an anon_vma) is not modelled');
      // if (file) { mapping = file->f_mapping; root = &mapping->i_mmap; uprobe_munmap(vma, vma->vm_start, vma->vm_end); i_mmap_lock_write(mapping); }
      return v.file !== null ? 'i_mmap_lock_write' : 'anon_vma?';
    }),
    $.lock('i_mmap_lock_write', iMmap),
    // anon_vma = vma->anon_vma; if (anon_vma) { anon_vma_lock_write(anon_vma); anon_vma_interval_tree_pre_update_vma(vma); }
    $.local('anon_vma?', (c) => (vmaOf(c.s, c.l.vma).anonVma !== null ? 'anon_vma_lock_write' : 'vma_interval_tree_remove')),
    $.lock('anon_vma_lock_write', anonVma),
    $.step('vma_interval_tree_remove', (c) => {
      // if (root) vma_interval_tree_remove(vma, root); vma->vm_start = start; vma->vm_end = end; vma->vm_pgoff = pgoff; if (root) vma_interval_tree_insert(vma, root);
      adjustVma(c.s, c.l.vma, c.l.start, c.l.end, c.l.pgoff);
      if (c.l.remove >= 0) {
        // if (remove_next) { __vma_unlink_prev(mm, next, vma); if (file) __remove_shared_vm_struct(next, file, mapping); }
        const n = vmaOf(c.s, c.l.remove);
        detachVmas(c.s, n.mm, [n.id]);
        if (n.file !== null) unlinkFileVma(c.s, n.id);
      }
      return vmaOf(c.s, c.l.vma).anonVma !== null ? 'anon_vma_unlock_write' : 'i_mmap?';
    }),
    // if (anon_vma) { anon_vma_interval_tree_post_update_vma(vma); anon_vma_unlock_write(anon_vma); }
    $.unlock('anon_vma_unlock_write', anonVma),
    // if (mapping) i_mmap_unlock_write(mapping);
    $.local('i_mmap?', (c) => (vmaOf(c.s, c.l.vma).file !== null ? 'i_mmap_unlock_write' : 'remove_next?')),
    $.unlock('i_mmap_unlock_write', iMmap),
    $.local('remove_next?', (c) => {
      // if (root) uprobe_mmap(vma); if (remove_next) { if (file) { uprobe_munmap(next, ...); fput(file); } if (next->anon_vma) anon_vma_merge(vma, next); ...
      c.ret(c.l.vma);
      if (c.l.remove < 0) return DONE;
      return vmaOf(c.s, c.l.remove).anonVma !== null ? 'lock_anon_vma_root' : 'vm_area_free';
    }),
    // anon_vma_merge(vma, next) -> mm/rmap.c:unlink_anon_vmas(next): root = lock_anon_vma_root(root, anon_vma) (down_write); anon_vma_interval_tree_remove(avc, ...); unlock_anon_vma_root(root);
    $.lock('lock_anon_vma_root', nextAnonVma, {
      at: 'mm/rmap.c:unlink_anon_vmas',
      then: (c) => {
        unlinkAnonVma(c.s, c.l.remove);
        return undefined;
      },
    }),
    $.unlock('unlock_anon_vma_root', nextAnonVma, { at: 'mm/rmap.c:unlink_anon_vmas' }),
    $.step('vm_area_free', (c) => {
      // mm->map_count--; mpol_put(vma_policy(next)); vm_area_free(next);
      freeVma(c.s, c.l.remove);
      return DONE;
    }),
  ],
});
