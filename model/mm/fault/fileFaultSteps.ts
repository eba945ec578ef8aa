/** The file faults of mm/memory.c (v5.0): __do_fault (filemap_fault), do_cow_fault, alloc_set_pte, as steps of handle_mm_fault. */
import { EFAULT, ENOMEM } from '../errno.js';
import { allocFrame, addRmap, getPage, putPage, setPageDirty } from '../frames.js';
import { LockName } from '../locks.js';
import { pteAt, setPte } from '../pageTable.js';
import type { StepBuilder } from '../step/defineProgram.js';
import { vmaOf } from '../vmas.js';
import { finish, here, pageLock, ptl, type FaultL } from './faultHelpers.js';
import { mutFile } from '../mutate.js';

export const fileFaultSteps = ($: StepBuilder<FaultL>) => [
  $.step('alloc_page_vma', {
    at: 'do_cow_fault',
    run: (c) => {
      // vmf->cow_page = alloc_page_vma(GFP_HIGHUSER_MOVABLE, vma, vmf->address);
      const f = allocFrame(c.s, 'anon');
      if (f < 0) return finish(c, ENOMEM); // VM_FAULT_OOM
      c.l.cow = f;
      return undefined;
    },
  }),
  $.step('__do_fault', {
    at: 'mm/filemap.c:filemap_fault',
    run: (c) => {
      // page = find_get_page(mapping, offset); if (!page) page_cache_read(); (the page-cache reference stays; get_page for the fault)
      const v = vmaOf(c.s, c.l.vma);
      const idx = v.pgoff + (c.l.addr - v.start);
      const file = c.s.files[v.file!]!;
      if (idx >= file.pages.length) return finish(c, EFAULT); // VM_FAULT_SIGBUS beyond EOF
      let f = file.pages[idx]!;
      if (f === null) {
        f = allocFrame(c.s, 'file', v.file, idx);
        if (f < 0) return finish(c, ENOMEM); // VM_FAULT_OOM
        mutFile(c.s, v.file!).pages[idx] = f;
      }
      getPage(c.s, f);
      c.l.page = f;
      return undefined;
    },
  }),
  $.lock('lock_page', pageLock, {
    at: 'mm/filemap.c:filemap_fault',
    then: (c) => {
      // finish_fault (after do_cow_fault's copy, a step of this thread alone; before alloc_set_pte takes the PTL):
      // if (!(vmf->vma->vm_flags & VM_SHARED)) ret = check_stable_address_space(vmf->vma->vm_mm);  (MMF_UNSTABLE: VM_FAULT_SIGBUS)
      if (!vmaOf(c.s, c.l.vma).flags.shared && c.s.mms[here(c).mm]!.unstable) {
        // unlock_page(vmf->page); put_page(vmf->page); do_cow_fault's uncharge_out: put_page(vmf->cow_page); return ret;
        c.unlock(pageLock(c));
        putPage(c.s, c.l.page);
        c.l.page = -1;
        if (c.l.cow >= 0) {
          putPage(c.s, c.l.cow);
          c.l.cow = -1;
        }
        return finish(c, EFAULT);
      }
      return c.l.cow >= 0 ? 'copy_user_highpage' : 'alloc_set_pte';
    },
  }),
  $.local('copy_user_highpage', () => 'alloc_set_pte', 'do_cow_fault'),
  $.lock('alloc_set_pte', ptl, {
    at: 'alloc_set_pte',
    then: (c) => {
      // finish_fault -> alloc_set_pte: pte_offset_map_lock; if (!pte_none(*vmf->pte)) return VM_FAULT_NOPAGE;
      const { mm, addr, write } = here(c);
      const v = vmaOf(c.s, c.l.vma);
      if (pteAt(c.s, mm, addr) !== null) {
        if (c.l.cow >= 0) {
          putPage(c.s, c.l.cow);
          c.l.cow = -1;
        }
        return 'unlock_page';
      }
      const cow = c.l.cow;
      if (cow >= 0) {
        // entry = maybe_mkwrite(pte_mkdirty(mk_pte(cow_page))); page_add_new_anon_rmap(cow_page)
        addRmap(c.s, cow);
        setPte(c.s, mm, addr, { kind: 'present', frame: cow, write: v.flags.write, dirty: true, young: true, softDirty: true });
        c.l.cow = -1;
        return 'unlock_page';
      }
      // page_add_file_rmap(page); if (write) entry = maybe_mkwrite(pte_mkdirty(entry), vma) (do_shared_fault)
      const w = write && v.flags.write && v.flags.shared;
      getPage(c.s, c.l.page);
      addRmap(c.s, c.l.page);
      if (w) setPageDirty(c.s, c.l.page);
      setPte(c.s, mm, addr, { kind: 'present', frame: c.l.page, write: w, dirty: w, young: true, softDirty: true });
      return 'unlock_page';
    },
  }),
  $.unlock('unlock_page', ptl, {
    at: '__do_fault',
    then: (c) => {
      // pte_unmap_unlock(vmf->pte, vmf->ptl); unlock_page(vmf->page); put_page(vmf->page) (the fault's reference)
      c.unlock(LockName.page(c.l.page));
      putPage(c.s, c.l.page);
      c.l.page = -1;
      return finish(c, 0);
    },
  }),
];
