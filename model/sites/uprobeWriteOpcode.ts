/**
 * The path that reaches site #2: kernel/events/uprobes.c:uprobe_write_opcode
 * (v5.0), as an operation {mm, addr}: install a breakpoint at addr, from
 * register_for_each_vma / uprobe_mmap with mmap_sem held for write.
 *
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
 *
 * get_user_pages_remote under the held mmap_sem: follow_page_mask takes the
 * PTE lock and a reference; a missing page is read-faulted in
 * (faultin_page -> handle_mm_fault), then followed again.
 */
import { allocFrame, getPage, putPage, writeFrame } from '../mm/frames.js';
import { LockName } from '../mm/locks.js';
import { pteAt } from '../mm/pageTable.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { localStep, lockStep, unlockStep } from '../mm/step/steps.js';
import { findVma, vmaOf } from '../mm/vmas.js';
import { pvmwCanLock, ptlOf } from './pvmw.js';

const U = 'kernel/events/uprobes.c';
const mmSem = (v: StepView): string => LockName.mmapSem(v.l['mm'] as number);

export const uprobeWriteOpcode: Program = {
  name: 'uprobe_write_opcode',
  locals: (a) => ({ mm: a['mm'] ?? null, addr: a['addr'] ?? null, vma: -1, old_page: -1, new_page: -1, ret: 0 }),
  steps: [
    lockStep('down_write', `${U}:register_for_each_vma`, mmSem, 'w'),
    {
      label: 'get_user_pages_remote',
      at: 'mm/gup.c:follow_page_pte',
      guard: (v) => pvmwCanLock(v.s, v.l['mm'] as number, v.l['addr'] as number),
      run: (c) => {
        const mm = c.n('mm');
        const a = c.n('addr');
        const id = findVma(c.s, mm, a);
        if (id === null || vmaOf(c.s, id).start > a) {
          c.l['ret'] = -14;
          return 'up_write';
        }
        c.l['vma'] = id;
        // follow_page_mask: pte_offset_map_lock; present: get_page; pte_unmap_unlock (one step: the lock is free, see guard)
        const p = pteAt(c.s, mm, a);
        if (p === null || p.kind !== 'present' || ptlOf(c.s, mm, a) === null) {
          return c.call('handle_mm_fault', { vma: id, addr: a, write: false }, 'faultin_returned');
        }
        getPage(c.s, p.frame);
        c.l['old_page'] = p.frame;
        return 'alloc_page_vma';
      },
    },
    {
      label: 'faultin_returned',
      at: 'mm/gup.c:__get_user_pages',
      local: true,
      run: (c) => {
        if (typeof c.t.rv === 'number' && c.t.rv < 0) {
          c.l['ret'] = c.t.rv;
          return 'up_write';
        }
        return 'get_user_pages_remote';
      },
    },
    {
      label: 'alloc_page_vma',
      at: `${U}:uprobe_write_opcode`,
      run: (c) => {
        // new_page = alloc_page_vma(); if (!new_page) goto put_old; copy_highpage(new_page, old_page); copy_to_page(new_page, vaddr, &opcode, ...)
        const f = allocFrame(c.s, 'anon');
        if (f < 0) {
          c.l['ret'] = -12;
          putPage(c.s, c.n('old_page'));
          return 'up_write';
        }
        writeFrame(c.s, f);
        c.l['new_page'] = f;
        return c.call('__replace_page', { vma: c.n('vma'), addr: c.n('addr'), old_page: c.n('old_page'), new_page: f }, 'put_page');
      },
    },
    localStep('put_page', `${U}:uprobe_write_opcode`, (c) => {
      c.l['ret'] = typeof c.t.rv === 'number' ? c.t.rv : 0;
      return undefined;
    }),
    {
      label: 'put_old',
      at: `${U}:uprobe_write_opcode`,
      run: (c) => {
        // put_page(new_page); put_old: put_page(old_page); if (unlikely(ret == -EAGAIN)) goto retry;
        putPage(c.s, c.n('new_page'));
        putPage(c.s, c.n('old_page'));
        c.l['new_page'] = -1;
        c.l['old_page'] = -1;
        return c.n('ret') === -11 ? 'get_user_pages_remote' : undefined;
      },
    },
    unlockStep('up_write', `${U}:register_for_each_vma`, mmSem, 'w', (c) => {
      c.ret(c.n('ret'));
      return DONE;
    }),
  ],
};
