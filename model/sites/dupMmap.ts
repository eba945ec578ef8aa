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
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { lockStep, unlockStep } from '../mm/step/steps.js';
import { flushTlbRange } from '../mm/tlb.js';
import { linkVma } from '../mm/vmaOps.js';
import { vmaOf } from '../mm/vmas.js';

const F = 'kernel/fork.c';
const oldSem = (v: StepView): string => LockName.mmapSem(v.l['mm'] as number);
const newSem = (v: StepView): string => LockName.mmapSem(v.l['child'] as number);

export const dupMmap: Program = {
  name: 'fork',
  locals: (a) => ({ mm: a['mm'] ?? null, child: a['child'] ?? null, i: 0 }),
  steps: [
    lockStep('down_write_killable', `${F}:dup_mmap`, oldSem),
    lockStep('down_write_nested', `${F}:dup_mmap`, newSem),
    {
      label: 'vm_area_dup',
      at: `${F}:dup_mmap`,
      run: (c) => {
        // for (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) { tmp = vm_area_dup(mpnt); ... __vma_link_rb(mm, tmp, rb_link, rb_parent); ... copy_page_range(mm, oldmm, mpnt); }
        const list = c.s.mms[c.n('mm')]!.vmas;
        if (c.n('i') >= list.length) return 'up_write';
        const v = vmaOf(c.s, list[c.n('i')]!);
        c.l['i'] = c.n('i') + 1;
        linkVma(c.s, { mm: c.n('child'), start: v.start, end: v.end, flags: v.flags, file: v.file, pgoff: v.pgoff, anonVma: v.anonVma });
        return c.call('copy_page_range', { dst_mm: c.n('child'), src_mm: c.n('mm'), vma: v.id }, 'vm_area_dup');
      },
    },
    unlockStep('up_write', `${F}:dup_mmap`, newSem, 'w', (c) => {
      // up_write(&mm->mmap_sem); flush_tlb_mm(oldmm);
      flushTlbRange(c.s, c.n('mm'), 0, pages(c.g));
      return undefined;
    }),
    unlockStep('up_write(oldmm)', `${F}:dup_mmap`, oldSem, 'w', (c) => {
      c.ret(0);
      return DONE;
    }),
  ],
};
