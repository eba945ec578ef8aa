/**
 * The path that reaches site #2: kernel/events/uprobes.c:uprobe_write_opcode
 * (v5.0), as an operation {mm, addr}: install a breakpoint at addr, from
 * register_for_each_vma (a uprobe registered by another process: perf,
 * a tracer) with mmap_sem held for write.
 *
 *   if (!mmget_not_zero(vma->vm_mm)) continue;      (build_map_info, under i_mmap_lock_read)
 *   down_write(&mm->mmap_sem);                       (register_for_each_vma)
 * retry:
 *   ret = get_user_pages_remote(NULL, mm, vaddr, 1, FOLL_FORCE | FOLL_SPLIT, &old_page, &vma, NULL);
 *   ret = verify_opcode(old_page, vaddr, &opcode);   (the breakpoint is not there yet)
 *   ret = anon_vma_prepare(vma);
 *   new_page = alloc_page_vma(GFP_HIGHUSER_MOVABLE, vma, vaddr);
 *   __SetPageUptodate(new_page); copy_highpage(new_page, old_page); copy_to_page(new_page, vaddr, &opcode, ...);
 *   ret = __replace_page(vma, vaddr, old_page, new_page);
 *   put_page(new_page);
 * put_old:
 *   put_page(old_page);
 *   if (unlikely(ret == -EAGAIN)) goto retry;
 *   up_write(&mm->mmap_sem);
 *   mmput(mm);                                       (register_for_each_vma: it may be the last, and run exit_mmap)
 *
 * The reference keeps exit_mmap from beginning while the registration
 * walks (the registrar is no task of the mm: model/mm/mmTasks.ts).
 * uprobe_mmap, the other caller, is the process's own mmap: not modelled.
 *
 * get_user_pages_remote under the held mmap_sem: follow_page_mask takes the
 * PTE lock and a reference; a missing page is read-faulted in
 * (faultin_page -> handle_mm_fault), then followed again.
 */
import { EAGAIN, EFAULT, ENOMEM } from '../mm/errno.js';
import { handleMmFault } from '../mm/fault/handleMmFault.js';
import { allocFrame, getPage, putPage, writeFrame } from '../mm/frames.js';
import { LockName } from '../mm/locks.js';
import { mmgetNotZero, mmputLast } from '../mm/mmUsers.js';
import { exitMmap } from './exitMmap.js';
import { pteAt } from '../mm/pageTable.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';
import { findVma, vmaOf } from '../mm/vmas.js';
import { pvmwCanLock, ptlOf } from './pvmw.js';
import { replacePageUprobes } from './replacePageUprobes.js';

interface Args {
  readonly mm: number;
  readonly addr: number;
}
const locals = (a: Args) => ({ mm: a.mm, addr: a.addr, vma: -1, old_page: -1, new_page: -1, ret: 0 });
type L = ReturnType<typeof locals>;

const mmSem = (v: View<L>): string => LockName.mmapSem(v.l.mm);

export const uprobeWriteOpcode = defineProgram({
  name: 'uprobe_write_opcode',
  file: 'kernel/events/uprobes.c',
  params: ['mm', 'addr'],
  locals,
  steps: ($) => [
    // build_map_info: if (!mmget_not_zero(vma->vm_mm)) continue;   (an mm on its way out is left alone)
    $.step('mmget_not_zero', { at: 'build_map_info', run: (c) => (mmgetNotZero(c.s, c.l.mm) ? undefined : DONE) }),
    $.lock('down_write', mmSem, { at: 'register_for_each_vma' }),
    $.step('get_user_pages_remote', {
      at: 'mm/gup.c:follow_page_pte',
      guard: (v) => pvmwCanLock(v.s, v.l.mm, v.l.addr),
      run: (c) => {
        const { mm, addr: a } = c.l;
        const id = findVma(c.s, mm, a);
        if (id === null || vmaOf(c.s, id).start > a) {
          c.l.ret = EFAULT;
          return 'up_write';
        }
        c.l.vma = id;
        // follow_page_mask: pte_offset_map_lock; present: get_page; pte_unmap_unlock (one step: the lock is free, see guard)
        const p = pteAt(c.s, mm, a);
        if (p === null || p.kind !== 'present' || ptlOf(c.s, mm, a) === null) {
          return c.call(handleMmFault, { vma: id, addr: a, write: false }, 'faultin_returned');
        }
        getPage(c.s, p.frame);
        c.l.old_page = p.frame;
        return 'alloc_page_vma';
      },
    }),
    $.step('faultin_returned', {
      at: 'mm/gup.c:__get_user_pages',
      local: true,
      run: (c) => {
        if (typeof c.t.rv === 'number' && c.t.rv < 0) {
          c.l.ret = c.t.rv;
          return 'up_write';
        }
        return 'get_user_pages_remote';
      },
    }),
    $.step('alloc_page_vma', (c) => {
      // new_page = alloc_page_vma(); if (!new_page) goto put_old; copy_highpage(new_page, old_page); copy_to_page(new_page, vaddr, &opcode, ...)
      const f = allocFrame(c.s, 'anon');
      if (f < 0) {
        c.l.ret = ENOMEM;
        putPage(c.s, c.l.old_page);
        return 'up_write';
      }
      writeFrame(c.s, f);
      c.l.new_page = f;
      return c.call(replacePageUprobes, { vma: c.l.vma, addr: c.l.addr, old_page: c.l.old_page, new_page: f }, 'put_page');
    }),
    $.local('put_page', (c) => {
      c.l.ret = typeof c.t.rv === 'number' ? c.t.rv : 0;
      return undefined;
    }),
    $.step('put_old', (c) => {
      // put_page(new_page); put_old: put_page(old_page); if (unlikely(ret == -EAGAIN)) goto retry;
      putPage(c.s, c.l.new_page);
      putPage(c.s, c.l.old_page);
      c.l.new_page = -1;
      c.l.old_page = -1;
      return c.l.ret === EAGAIN ? 'get_user_pages_remote' : undefined;
    }),
    $.unlock('up_write', mmSem, { at: 'register_for_each_vma' }),
    // mmput(mm);   (kernel/fork.c:mmput: if (atomic_dec_and_test(&mm->mm_users)) __mmput(mm);)
    $.step('mmput', {
      at: 'register_for_each_vma',
      run: (c) => (mmputLast(c.s, c.l.mm) ? c.call(exitMmap, { mm: c.l.mm, put: false }, 'free_map_info') : 'free_map_info'),
    }),
    $.local(
      'free_map_info',
      (c) => {
        // info = free_map_info(info);  (uprobe_write_opcode's return value, kept for the caller)
        c.ret(c.l.ret);
        return DONE;
      },
      'register_for_each_vma',
    ),
  ],
});
