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
import { LockName } from '../mm/locks.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { localStep, lockStep, unlockStep } from '../mm/step/steps.js';
import { linkVma } from '../mm/vmaOps.js';
import { findVma, vmaOf } from '../mm/vmas.js';

const R = 'mm/mremap.c';
const mmapSem = (v: StepView): string => LockName.mmapSem(v.l['mm'] as number);

export const mremap: Program = {
  name: 'mremap',
  locals: (a) => ({ mm: a['mm'] ?? null, old: a['old'] ?? null, len: a['len'] ?? null, new: a['new'] ?? null, vma: -1, new_vma: -1, ret: 0 }),
  steps: [
    lockStep('down_write_killable', `${R}:mremap`, mmapSem, 'w', (c) =>
      // if (flags & MREMAP_FIXED) { ret = do_munmap(mm, new_addr, new_len, uf_unmap_early); if (ret) goto out; }
      c.call('do_munmap', { mm: c.n('mm'), start: c.n('new'), end: c.n('new') + c.n('len'), downgrade: false }, 'vma_to_resize'),
    ),
    {
      label: 'vma_to_resize',
      at: `${R}:vma_to_resize`,
      run: (c) => {
        // vma = find_vma(mm, addr); if (!vma || vma->vm_start > addr) return ERR_PTR(-EFAULT); if (old_len > vma->vm_end - addr) return ERR_PTR(-EFAULT);
        const id = findVma(c.s, c.n('mm'), c.n('old'));
        if (id === null || vmaOf(c.s, id).start > c.n('old') || c.n('len') > vmaOf(c.s, id).end - c.n('old')) {
          c.l['ret'] = -14;
          return 'up_write';
        }
        c.l['vma'] = id;
        return undefined;
      },
    },
    {
      label: 'copy_vma',
      at: 'mm/mmap.c:copy_vma',
      run: (c) => {
        // new_pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT); new_vma = copy_vma(&vma, new_addr, new_len, new_pgoff, &need_rmap_locks);
        const v = vmaOf(c.s, c.n('vma'));
        const pgoff = v.pgoff + (c.n('old') - v.start);
        c.l['new_vma'] = linkVma(c.s, { mm: v.mm, start: c.n('new'), end: c.n('new') + c.n('len'), flags: v.flags, file: v.file, pgoff, anonVma: v.anonVma });
        return c.call('move_page_tables', { vma: v.id, old_addr: c.n('old'), new_vma: c.n('new_vma'), new_addr: c.n('new'), len: c.n('len') }, 'do_munmap');
      },
    },
    localStep('do_munmap', `${R}:move_vma`, (c) =>
      // if (do_munmap(mm, old_addr, old_len, uf_unmap) < 0) { ... }
      c.call('do_munmap', { mm: c.n('mm'), start: c.n('old'), end: c.n('old') + c.n('len'), downgrade: false }, 'up_write'),
    ),
    unlockStep('up_write', `${R}:mremap`, mmapSem, 'w', (c) => {
      c.ret(c.n('ret') < 0 ? c.n('ret') : c.n('new'));
      return DONE;
    }),
  ],
};
