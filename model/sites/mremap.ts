/**
 * The mremap path to site #25 (mm/mremap.c, v5.0): `mremap` {mm, old, len,
 * new} = mremap(old, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, new):
 *   down_write_killable(mmap_sem); mremap_to: do_munmap(new, len) (#16 when
 *   something was mapped there); vma = vma_to_resize(old, len) (-EFAULT
 *   unless one vma holds [old, old + len)); move_vma: new_vma = copy_vma()
 *   (a fresh vma [new, new + len), same flags, anon_vma and file offset);
 *   move_page_tables (#25); do_munmap(old, len) (#16 on the emptied range);
 *   up_write(mmap_sem).
 * Abstracted: vma_merge in copy_vma, ksm_madvise, the backwards move on
 * failure (allocation cannot fail here), accounting, userfaultfd.
 */
import { EFAULT } from '../mm/errno.js';
import { LockName } from '../mm/locks.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';
import { linkVma } from '../mm/vmaOps.js';
import { findVma, vmaOf } from '../mm/vmas.js';
import { doMunmap } from './doMunmap.js';
import { movePageTables } from './movePageTables.js';

interface Args {
  readonly mm: number;
  readonly old: number;
  readonly len: number;
  readonly new: number;
}
const locals = (a: Args) => ({
  mm: a.mm,
  old: a.old,
  len: a.len,
  new: a.new,
  /** vma_to_resize's vma; -1 before */
  vma: -1,
  /** copy_vma's new_vma; -1 before */
  new_vma: -1,
  ret: 0,
});
type L = ReturnType<typeof locals>;

const mmapSem = (v: View<L>): string => LockName.mmapSem(v.l.mm);

export const mremap = defineProgram({
  name: 'mremap',
  file: 'mm/mremap.c',
  params: ['mm', 'old', 'len', 'new'],
  locals,
  steps: ($) => [
    $.lock('down_write_killable', mmapSem, {
      then: (c) =>
        // if (flags & MREMAP_FIXED) { ret = do_munmap(mm, new_addr, new_len, uf_unmap_early); if (ret) goto out; }
        c.call(doMunmap, { mm: c.l.mm, start: c.l.new, end: c.l.new + c.l.len, downgrade: false }, 'vma_to_resize'),
    }),
    $.step('vma_to_resize', {
      at: 'vma_to_resize',
      run: (c) => {
        // vma = find_vma(mm, addr); if (!vma || vma->vm_start > addr) return ERR_PTR(-EFAULT); if (old_len > vma->vm_end - addr) return ERR_PTR(-EFAULT);
        const id = findVma(c.s, c.l.mm, c.l.old);
        if (id === null || vmaOf(c.s, id).start > c.l.old || c.l.len > vmaOf(c.s, id).end - c.l.old) {
          c.l.ret = EFAULT;
          return 'up_write';
        }
        c.l.vma = id;
        return undefined;
      },
    }),
    $.step('copy_vma', {
      at: 'mm/mmap.c:copy_vma',
      run: (c) => {
        // new_pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT); new_vma = copy_vma(&vma, new_addr, new_len, new_pgoff, &need_rmap_locks);
        const v = vmaOf(c.s, c.l.vma);
        const pgoff = v.pgoff + (c.l.old - v.start);
        c.l.new_vma = linkVma(c.s, { mm: v.mm, start: c.l.new, end: c.l.new + c.l.len, flags: v.flags, file: v.file, pgoff, anonVma: v.anonVma });
        return c.call(movePageTables, { vma: v.id, old_addr: c.l.old, new_vma: c.l.new_vma, new_addr: c.l.new, len: c.l.len }, 'do_munmap');
      },
    }),
    $.local(
      'do_munmap',
      (c) =>
        // if (do_munmap(mm, old_addr, old_len, uf_unmap) < 0) { ... }
        c.call(doMunmap, { mm: c.l.mm, start: c.l.old, end: c.l.old + c.l.len, downgrade: false }, 'up_write'),
      'move_vma',
    ),
    $.unlock('up_write', mmapSem, {
      then: (c) => {
        c.ret(c.l.ret < 0 ? c.l.ret : c.l.new);
        return DONE;
      },
    }),
  ],
});
