/**
 * The fork path to site #15, kernel/fork.c:dup_mmap (v5.0): `fork` {mm,
 * child} copies mm's vmas into the (empty) child mm:
 *   down_write_killable(&oldmm->mmap_sem); down_write_nested(&mm->mmap_sem, SINGLE_DEPTH_NESTING);
 *   for (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) { tmp = vm_area_dup(mpnt); anon_vma_fork(tmp, mpnt);
 *       __vma_link_rb(mm, tmp, ...); retval = copy_page_range(mm, oldmm, mpnt); }
 *   up_write(&mm->mmap_sem); flush_tlb_mm(oldmm); up_write(&oldmm->mmap_sem);
 * Abstracted: VM_DONTCOPY / VM_WIPEONFORK, the child's own anon_vma (the
 * child vma keeps the parent's anon_vma id), accounting, uprobes, khugepaged.
 */
import { pages } from '../mm/Geometry.js';
import { LockName } from '../mm/locks.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';
import { flushTlbRange } from '../mm/tlb.js';
import { linkVma } from '../mm/vmaOps.js';
import { vmaOf } from '../mm/vmas.js';
import { copyPageRange } from './copyPageRange.js';

interface Args {
  readonly mm: number;
  readonly child: number;
}
const locals = (a: Args) => ({
  mm: a.mm,
  child: a.child,
  /** the index of `mpnt` in oldmm's vma list */
  i: 0,
});
type L = ReturnType<typeof locals>;

const oldSem = (v: View<L>): string => LockName.mmapSem(v.l.mm);
const newSem = (v: View<L>): string => LockName.mmapSem(v.l.child);

export const dupMmap = defineProgram({
  name: 'fork',
  file: 'kernel/fork.c',
  params: ['mm', 'child'],
  locals,
  steps: ($) => [
    $.lock('down_write_killable', oldSem, { at: 'dup_mmap' }),
    $.lock('down_write_nested', newSem, { at: 'dup_mmap' }),
    $.step('vm_area_dup', {
      at: 'dup_mmap',
      run: (c) => {
        // for (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) { tmp = vm_area_dup(mpnt); ... __vma_link_rb(mm, tmp, rb_link, rb_parent); ... copy_page_range(mm, oldmm, mpnt); }
        const list = c.s.mms[c.l.mm]!.vmas;
        if (c.l.i >= list.length) return 'up_write';
        const v = vmaOf(c.s, list[c.l.i]!);
        c.l.i += 1;
        linkVma(c.s, { mm: c.l.child, start: v.start, end: v.end, flags: v.flags, file: v.file, pgoff: v.pgoff, anonVma: v.anonVma });
        return c.call(copyPageRange, { dst_mm: c.l.child, src_mm: c.l.mm, vma: v.id }, 'vm_area_dup');
      },
    }),
    $.unlock('up_write', newSem, {
      at: 'dup_mmap',
      then: (c) => {
        // up_write(&mm->mmap_sem); flush_tlb_mm(oldmm);
        flushTlbRange(c.s, c.l.mm, 0, pages(c.g));
        return undefined;
      },
    }),
    $.unlock('up_write(oldmm)', oldSem, {
      at: 'dup_mmap',
      then: (c) => {
        c.ret(0);
        return DONE;
      },
    }),
  ],
});
