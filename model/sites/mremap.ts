/**
 * The mremap path to site #25 (mm/mremap.c, v5.0): `mremap` {mm, old, len,
 * new} = mremap(old, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, new):
 *   down_write_killable(mmap_sem); mremap_to: -EINVAL when [old, old + len)
 *   and [new, new + len) overlap; do_munmap(new, len) (#16 when
 *   something was mapped there); vma = vma_to_resize(old, len) (-EFAULT
 *   unless one vma holds [old, old + len), -EINVAL for hugetlb); move_vma:
 *   new_vma = copy_vma() (vma_merge into a neighbour when the moved pages
 *   continue its flags, file, anon_vma and offsets, model/mm/vmaMergePlan.ts
 *   and __vma_adjust, vmaAdjust.ts: need_rmap_locks = new_vma->vm_pgoff <=
 *   vma->vm_pgoff; else a fresh vma [new, new + len), same flags, anon_vma
 *   and file offset, need_rmap_locks = false); move_page_tables (#25);
 *   do_munmap(old, len) (#16 on the emptied range); up_write(mmap_sem).
 * Abstracted: ksm_madvise, the backwards move on failure (allocation cannot
 * fail here), accounting, userfaultfd, copy_vma's pgoff reset for an
 * anonymous vma without an anon_vma (the model's have one from the start).
 */
import { EFAULT, EINVAL } from '../mm/errno.js';
import { LockName } from '../mm/locks.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';
import { linkVma } from '../mm/vmaOps.js';
import { vmaBefore, vmaMergePlan } from '../mm/vmaMergePlan.js';
import { findVma, vmaOf } from '../mm/vmas.js';
import { vmaAdjust } from './vmaAdjust.js';
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
  /** copy_vma's *need_rmap_locks */
  need_rmap_locks: false,
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
      then: (c) => {
        // mremap_to: /* Ensure the old/new locations do not overlap */ if (addr + old_len > new_addr && new_addr + new_len > addr) goto out; (ret = -EINVAL)
        if (c.l.old + c.l.len > c.l.new && c.l.new + c.l.len > c.l.old) {
          c.l.ret = EINVAL;
          return 'up_write';
        }
        // ret = do_munmap(mm, new_addr, new_len, uf_unmap_early); if (ret) goto out;
        return c.call(doMunmap, { mm: c.l.mm, start: c.l.new, end: c.l.new + c.l.len, downgrade: false }, 'vma_to_resize');
      },
    }),
    $.step('vma_to_resize', {
      at: 'vma_to_resize',
      run: (c) => {
        // vma = find_vma(mm, addr); if (!vma || vma->vm_start > addr) return ERR_PTR(-EFAULT);
        const id = findVma(c.s, c.l.mm, c.l.old);
        if (id === null || vmaOf(c.s, id).start > c.l.old) {
          c.l.ret = EFAULT;
          return 'up_write';
        }
        // if (is_vm_hugetlb_page(vma)) return ERR_PTR(-EINVAL); if (old_len > vma->vm_end - addr) return ERR_PTR(-EFAULT);
        if (vmaOf(c.s, id).flags.hugetlb || c.l.len > vmaOf(c.s, id).end - c.l.old) {
          c.l.ret = vmaOf(c.s, id).flags.hugetlb ? EINVAL : EFAULT;
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
        // copy_vma: find_vma_links(mm, addr, addr + len, &prev, ...); new_vma = vma_merge(mm, prev, addr, addr + len, vma->vm_flags, vma->anon_vma, vma->vm_file, pgoff, ...);
        const plan = vmaMergePlan(c.s, v.mm, vmaBefore(c.s, v.mm, c.l.new), c.l.new, c.l.new + c.l.len, {
          flags: v.flags,
          anonVma: v.anonVma,
          file: v.file,
          pgoff,
        });
        if (plan !== null)
          return c.call(vmaAdjust, { vma: plan.vma, start: plan.start, end: plan.end, pgoff: plan.pgoff, remove: plan.remove ?? -1 }, 'vma_merged');
        // else { new_vma = vm_area_dup(vma); new_vma->vm_start = addr; new_vma->vm_end = addr + len; new_vma->vm_pgoff = pgoff; ...; vma_link(mm, new_vma, prev, rb_link, rb_parent); *need_rmap_locks = false; }
        c.l.new_vma = linkVma(c.s, { mm: v.mm, start: c.l.new, end: c.l.new + c.l.len, flags: v.flags, file: v.file, pgoff, anonVma: v.anonVma });
        return c.call(movePageTables, { vma: v.id, old_addr: c.l.old, new_vma: c.l.new_vma, new_addr: c.l.new, len: c.l.len }, 'do_munmap');
      },
    }),
    $.local(
      'vma_merged',
      (c) => {
        const n = c.t.rv;
        if (typeof n !== 'number') return c.fail('__vma_adjust returned no vma');
        c.l.new_vma = n;
        // if (unlikely(vma_start >= new_vma->vm_start && vma_start < new_vma->vm_end)) { VM_BUG_ON_VMA(faulted_in_anon_vma, new_vma); *vmap = vma = new_vma; }
        // (only an anonymous vma without an anon_vma merges with itself: the model has none)
        const v = vmaOf(c.s, c.l.vma);
        if (v.start >= vmaOf(c.s, n).start && v.start < vmaOf(c.s, n).end) return c.fail('copy_vma: the source vma merged into new_vma (VM_BUG_ON_VMA)');
        // *need_rmap_locks = (new_vma->vm_pgoff <= vma->vm_pgoff);
        c.l.need_rmap_locks = vmaOf(c.s, n).pgoff <= v.pgoff;
        // moved_len = move_page_tables(vma, old_addr, new_vma, new_addr, old_len, need_rmap_locks);
        return c.call(
          movePageTables,
          { vma: v.id, old_addr: c.l.old, new_vma: n, new_addr: c.l.new, len: c.l.len, need_rmap_locks: c.l.need_rmap_locks },
          'do_munmap',
        );
      },
      'mm/mmap.c:copy_vma',
    ),
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
