/** mm/memory.c:do_anonymous_page (v5.0) as steps of handle_mm_fault (no zero page: a read fault allocates too). */
import { allocFrame, addRmap, putPage } from '../frames.js';
import { pteAt, setPte } from '../pageTable.js';
import type { Step } from '../step/Program.js';
import { lockStep } from '../step/steps.js';
import { vmaOf } from '../vmas.js';
import { M, finish, here, ptl } from './faultHelpers.js';

export const ANON_FAULT_STEPS: readonly Step[] = [
  {
    label: 'alloc_zeroed_user_highpage_movable',
    at: `${M}:do_anonymous_page`,
    run: (c) => {
      const f = allocFrame(c.s, 'anon');
      if (f < 0) return finish(c, -12); // VM_FAULT_OOM
      c.l['page'] = f;
      return undefined;
    },
  },
  lockStep('pte_offset_map_lock', `${M}:do_anonymous_page`, ptl),
  {
    label: 'set_pte_at',
    at: `${M}:do_anonymous_page`,
    run: (c) => {
      // if (!pte_none(*vmf->pte)) goto release; page_add_new_anon_rmap(); entry = mk_pte(); if (vma->vm_flags & VM_WRITE) entry = pte_mkwrite(pte_mkdirty(entry)); set_pte_at()
      const { mm, addr } = here(c);
      const f = c.n('page');
      if (pteAt(c.s, mm, addr) !== null) {
        putPage(c.s, f);
        c.l['page'] = -1;
        return 'pte_unmap_unlock';
      }
      const w = vmaOf(c.s, c.n('vma')).flags.write;
      addRmap(c.s, f);
      setPte(c.s, mm, addr, { kind: 'present', frame: f, write: w, dirty: w, young: true, softDirty: true });
      return 'pte_unmap_unlock';
    },
  },
];
