/**
 * The callers of handle_mm_fault:
 *  - `get_user_pages` {mm, addr, write} (mm/gup.c: get_user_pages_unlocked ->
 *    __get_user_pages): mmap_sem read, find_extend_vma + check_vma_flags,
 *    follow_page_mask (under the PTE or PMD lock: get_page on a present,
 *    permitted entry), else faultin_page and retry. rv = frame, or -14.
 *  - `do_user_addr_fault` {mm, addr, write} (arch/x86/mm/fault.c): the CPU's
 *    page fault: mmap_sem read, find_vma, access_error, handle_mm_fault.
 */
import { getPage } from '../frames.js';
import { LockName, canTake } from '../locks.js';
import { pmdAt, pmdTableOf, pteAt, pteTableOf } from '../pageTable.js';
import type { Program, StepView } from '../step/Program.js';
import { DONE } from '../step/Program.js';
import type { StepCtx } from '../step/StepCtx.js';
import { lockStep, unlockStep } from '../step/steps.js';
import { findVma, vmaOf } from '../vmas.js';

const G = 'mm/gup.c';
const F = 'arch/x86/mm/fault.c';
const mmSem = (v: StepView): string => LockName.mmapSem(v.l['mm'] as number);

/** access_error / check_vma_flags: the vma containing addr that permits the access, or -14. */
function vmaFor(c: StepCtx): number {
  const id = findVma(c.s, c.n('mm'), c.n('addr'));
  if (id === null) return -14;
  const v = vmaOf(c.s, id);
  if (v.start > c.n('addr')) return -14;
  if (c.l['write'] === true ? !v.flags.write : !v.flags.read) return -14;
  return id;
}

/** The lock follow_page_mask takes for addr (the PTE table's or the PMD table's), or null when nothing is mapped. */
function followLock(v: StepView): string | null {
  const mm = v.l['mm'] as number;
  const addr = v.l['addr'] as number;
  const pt = pteTableOf(v.s, mm, addr);
  if (pt !== null) return LockName.ptl(pt);
  const pmd = pmdTableOf(v.s, mm, addr);
  return pmd !== null && pmdAt(v.s, mm, addr) !== null ? LockName.pmd(pmd) : null;
}

export const getUserPages: Program = {
  name: 'get_user_pages',
  params: ['mm', 'addr', 'write'],
  locals: (a) => ({ mm: a['mm'] ?? null, addr: a['addr'] ?? null, write: a['write'] ?? false, vma: -1, ret: -14 }),
  steps: [
    lockStep('down_read', `${G}:get_user_pages_unlocked`, mmSem, 'r'),
    {
      label: 'find_extend_vma',
      at: `${G}:__get_user_pages`,
      run: (c) => {
        const id = vmaFor(c);
        if (id < 0) return 'up_read';
        c.l['vma'] = id;
        // retry: /* If we have a pending SIGKILL, don't keep faulting pages and potentially allocating memory. */
        // if (unlikely(fatal_signal_pending(current))) return i ? i : -ERESTARTSYS;
        if (c.cfg.fatalSignal) {
          c.l['ret'] = -512;
          return 'up_read';
        }
        return undefined;
      },
    },
    {
      label: 'follow_page_mask',
      at: `${G}:follow_page_pte`,
      guard: (v) => {
        const l = followLock(v);
        return l === null || canTake(v.s, l);
      },
      run: (c) => {
        // ptep = pte_offset_map_lock(); if (!pte_present(pte)) goto no_page; if ((flags & FOLL_WRITE) && !can_follow_write_pte(pte, flags)) return NULL; get_page(page); pte_unmap_unlock
        const mm = c.n('mm');
        const addr = c.n('addr');
        const e = pmdAt(c.s, mm, addr);
        let frame = -1;
        if (e !== null && e.kind === 'huge' && (e.write || c.l['write'] !== true)) frame = e.frame;
        const p = pteAt(c.s, mm, addr);
        if (p !== null && p.kind === 'present' && (p.write || c.l['write'] !== true)) frame = p.frame;
        if (frame < 0) return 'faultin_page';
        getPage(c.s, frame);
        c.l['ret'] = frame;
        return 'up_read';
      },
    },
    {
      label: 'faultin_page',
      at: `${G}:faultin_page`,
      local: true,
      run: (c) => c.call('handle_mm_fault', { vma: c.n('vma'), addr: c.n('addr'), write: c.l['write'] ?? false }, 'faultin_returned'),
    },
    {
      label: 'faultin_returned',
      at: `${G}:__get_user_pages`,
      local: true,
      run: (c) => {
        if (typeof c.t.rv === 'number' && c.t.rv < 0) return 'up_read';
        // case 0: goto retry;  retry: if (unlikely(fatal_signal_pending(current))) return i ? i : -ERESTARTSYS;
        if (c.cfg.fatalSignal) {
          c.l['ret'] = -512;
          return 'up_read';
        }
        return 'follow_page_mask';
      },
    },
    unlockStep('up_read', `${G}:get_user_pages_unlocked`, mmSem, 'r', (c) => {
      c.ret(c.n('ret'));
      return DONE;
    }),
  ],
};

export const doUserAddrFault: Program = {
  name: 'do_user_addr_fault',
  params: ['mm', 'addr', 'write'],
  locals: (a) => ({ mm: a['mm'] ?? null, addr: a['addr'] ?? null, write: a['write'] ?? false, ret: 0 }),
  steps: [
    lockStep('down_read', `${F}:__do_page_fault`, mmSem, 'r'),
    {
      label: 'find_vma',
      at: `${F}:__do_page_fault`,
      run: (c) => {
        // vma = find_vma(mm, address); if (!vma || vma->vm_start > address) bad_area; if (access_error(error_code, vma)) bad_area_access_error
        const id = vmaFor(c);
        if (id < 0) {
          c.l['ret'] = -14;
          return 'up_read';
        }
        return c.call('handle_mm_fault', { vma: id, addr: c.n('addr'), write: c.l['write'] ?? false }, 'fault_returned');
      },
    },
    { label: 'fault_returned', at: `${F}:__do_page_fault`, local: true, run: (c) => void (c.l['ret'] = typeof c.t.rv === 'number' ? c.t.rv : 0) },
    unlockStep('up_read', `${F}:__do_page_fault`, mmSem, 'r', (c) => {
      c.ret(c.n('ret'));
      return DONE;
    }),
  ],
};
