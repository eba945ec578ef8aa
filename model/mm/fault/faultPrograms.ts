/**
 * The callers of handle_mm_fault:
 *  - `get_user_pages` {mm, addr, write} (mm/gup.c: get_user_pages_unlocked ->
 *    __get_user_pages): mmap_sem read, find_extend_vma + check_vma_flags,
 *    follow_page_mask (under the PTE or PMD lock: get_page on a present,
 *    permitted entry), else faultin_page and retry. rv = frame, or -14.
 *  - `do_user_addr_fault` {mm, addr, write} (arch/x86/mm/fault.c): the CPU's
 *    page fault: mmap_sem read, find_vma, access_error, handle_mm_fault.
 */
import { EFAULT, ERESTARTSYS } from '../errno.js';
import { getPage } from '../frames.js';
import { LockName, canTake } from '../locks.js';
import { pmdAt, pmdTableOf, pteAt, pteTableOf } from '../pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../step/defineProgram.js';
import { findVma, vmaOf } from '../vmas.js';
import { handleMmFault } from './handleMmFault.js';

type Access = { mm: number; addr: number; write: boolean };
const mmSem = (v: View<Access>): string => LockName.mmapSem(v.l.mm);

/** access_error / check_vma_flags: the vma containing addr that permits the access, or -EFAULT. */
function vmaFor(c: Ctx<Access>): number {
  const id = findVma(c.s, c.l.mm, c.l.addr);
  if (id === null) return EFAULT;
  const v = vmaOf(c.s, id);
  if (v.start > c.l.addr) return EFAULT;
  if (c.l.write === true ? !v.flags.write : !v.flags.read) return EFAULT;
  return id;
}

/** The lock follow_page_mask takes for addr (the PTE table's or the PMD table's), or null when nothing is mapped. */
function followLock(v: View<Access>): string | null {
  const { mm, addr } = v.l;
  const pt = pteTableOf(v.s, mm, addr);
  if (pt !== null) return LockName.ptl(pt);
  const pmd = pmdTableOf(v.s, mm, addr);
  return pmd !== null && pmdAt(v.s, mm, addr) !== null ? LockName.pmd(pmd) : null;
}

/** `get_user_pages` {mm, addr, write} (see the file comment). */
export const getUserPages = defineProgram({
  name: 'get_user_pages',
  file: 'mm/gup.c',
  params: ['mm', 'addr', 'write'],
  locals: (a: Access) => ({ mm: a.mm ?? null, addr: a.addr ?? null, write: a.write ?? false, vma: -1, ret: EFAULT }),
  steps: ($) => [
    $.lock('down_read', mmSem, { at: 'get_user_pages_unlocked', mode: 'r' }),
    $.step('find_extend_vma', {
      at: '__get_user_pages',
      run: (c) => {
        const id = vmaFor(c);
        if (id < 0) return 'up_read';
        c.l.vma = id;
        // retry: /* If we have a pending SIGKILL, don't keep faulting pages and potentially allocating memory. */
        // if (unlikely(fatal_signal_pending(current))) return i ? i : -ERESTARTSYS;
        if (c.cfg.fatalSignal) {
          c.l.ret = ERESTARTSYS;
          return 'up_read';
        }
        return undefined;
      },
    }),
    $.step('follow_page_mask', {
      at: 'follow_page_pte',
      guard: (v) => {
        const l = followLock(v);
        return l === null || canTake(v.s, l);
      },
      run: (c) => {
        // ptep = pte_offset_map_lock(); if (!pte_present(pte)) goto no_page; if ((flags & FOLL_WRITE) && !can_follow_write_pte(pte, flags)) return NULL; get_page(page); pte_unmap_unlock
        const { mm, addr } = c.l;
        const e = pmdAt(c.s, mm, addr);
        let frame = -1;
        if (e !== null && e.kind === 'huge' && (e.write || c.l.write !== true)) frame = e.frame;
        const p = pteAt(c.s, mm, addr);
        if (p !== null && p.kind === 'present' && (p.write || c.l.write !== true)) frame = p.frame;
        if (frame < 0) return 'faultin_page';
        getPage(c.s, frame);
        c.l.ret = frame;
        return 'up_read';
      },
    }),
    $.local('faultin_page', (c) => c.call(handleMmFault, { vma: c.l.vma, addr: c.l.addr, write: c.l.write }, 'faultin_returned'), 'faultin_page'),
    $.local(
      'faultin_returned',
      (c) => {
        if (typeof c.t.rv === 'number' && c.t.rv < 0) return 'up_read';
        // case 0: goto retry;  retry: if (unlikely(fatal_signal_pending(current))) return i ? i : -ERESTARTSYS;
        if (c.cfg.fatalSignal) {
          c.l.ret = ERESTARTSYS;
          return 'up_read';
        }
        return 'follow_page_mask';
      },
      '__get_user_pages',
    ),
    $.unlock('up_read', mmSem, {
      at: 'get_user_pages_unlocked',
      mode: 'r',
      then: (c) => {
        c.ret(c.l.ret);
        return DONE;
      },
    }),
  ],
});

/** `do_user_addr_fault` {mm, addr, write}: the CPU's page fault (see the file comment). */
export const doUserAddrFault = defineProgram({
  name: 'do_user_addr_fault',
  file: 'arch/x86/mm/fault.c',
  params: ['mm', 'addr', 'write'],
  locals: (a: Access) => ({ mm: a.mm ?? null, addr: a.addr ?? null, write: a.write ?? false, ret: 0 }),
  steps: ($) => [
    $.lock('down_read', mmSem, { at: '__do_page_fault', mode: 'r' }),
    $.step('find_vma', {
      at: '__do_page_fault',
      run: (c) => {
        // vma = find_vma(mm, address); if (!vma || vma->vm_start > address) bad_area; if (access_error(error_code, vma)) bad_area_access_error
        const id = vmaFor(c);
        if (id < 0) {
          c.l.ret = EFAULT;
          return 'up_read';
        }
        return c.call(handleMmFault, { vma: id, addr: c.l.addr, write: c.l.write }, 'fault_returned');
      },
    }),
    $.local('fault_returned', (c) => void (c.l.ret = typeof c.t.rv === 'number' ? c.t.rv : 0), '__do_page_fault'),
    $.unlock('up_read', mmSem, {
      at: '__do_page_fault',
      mode: 'r',
      then: (c) => {
        c.ret(c.l.ret);
        return DONE;
      },
    }),
  ],
});
