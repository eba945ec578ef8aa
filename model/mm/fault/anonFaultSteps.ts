/**
 * mm/memory.c:do_anonymous_page (v5.0) as steps of handle_mm_fault. A read
 * fault maps the shared zero page (mm_forbids_zeropage is false on x86):
 *
 *   if (!(vmf->flags & FAULT_FLAG_WRITE) && !mm_forbids_zeropage(vma->vm_mm)) {
 *       entry = pte_mkspecial(pfn_pte(my_zero_pfn(vmf->address), vma->vm_page_prot));
 *       vmf->pte = pte_offset_map_lock(); if (!pte_none(*vmf->pte)) goto unlock; goto setpte; }
 *
 * vm_page_prot of a private mapping has no write bit (x86 PAGE_COPY:
 * present, user, accessed): read-only, young, clean, not soft-dirty; no
 * refcount, no rmap. A write fault allocates a zeroed page of its own.
 */
import { allocFrame, addRmap, putPage, zeroPfn } from '../frames.js';
import { EFAULT, ENOMEM } from '../errno.js';
import { pteAt, setPte } from '../pageTable.js';
import type { Ctx, StepBuilder } from '../step/defineProgram.js';
import type { DONE } from '../step/Program.js';
import { vmaOf } from '../vmas.js';
import { finish, here, ptl, type FaultL } from './faultHelpers.js';

const D = 'do_anonymous_page';

/** unlock: pte_unmap_unlock(vmf->pte, vmf->ptl); return ret;  with ret = VM_FAULT_SIGBUS (check_stable_address_space): -EFAULT here. */
function sigbus(c: Ctx<FaultL>): typeof DONE {
  c.unlock(ptl(c));
  return finish(c, EFAULT);
}

/** The steps (they go to handle_pte_fault's `pte_unmap_unlock`: presentPteSteps.ts). */
export const anonFaultSteps = ($: StepBuilder<FaultL>) => [
  $.step('alloc_zeroed_user_highpage_movable', {
    at: D,
    run: (c) => {
      // /* Use the zero-page for reads */ if (!(vmf->flags & FAULT_FLAG_WRITE) && !mm_forbids_zeropage(vma->vm_mm)) { ... }
      if (!here(c).write) return 'pte_offset_map_lock:zero';
      const f = allocFrame(c.s, 'anon');
      if (f < 0) return finish(c, ENOMEM); // VM_FAULT_OOM
      c.l.page = f;
      return 'pte_offset_map_lock';
    },
  }),
  $.lock('pte_offset_map_lock:zero', ptl, {
    at: D,
    then: (c) => {
      // if (!pte_none(*vmf->pte)) goto unlock; ... setpte: set_pte_at(vma->vm_mm, vmf->address, vmf->pte, entry);  (no rmap, no refcount)
      const { mm, addr } = here(c);
      if (pteAt(c.s, mm, addr) !== null) return 'pte_unmap_unlock';
      // ret = check_stable_address_space(vma->vm_mm); if (ret) goto unlock;  (MMF_UNSTABLE: an oom reaper has zapped, or is zapping, this mm)
      if (c.s.mms[mm]!.unstable) return sigbus(c);
      setPte(c.s, mm, addr, { kind: 'present', frame: zeroPfn(c.s), write: false, dirty: false, young: true, softDirty: false });
      return 'pte_unmap_unlock';
    },
  }),
  $.lock('pte_offset_map_lock', ptl, { at: D }),
  $.step('set_pte_at', {
    at: D,
    run: (c) => {
      // if (!pte_none(*vmf->pte)) goto release; page_add_new_anon_rmap(); entry = mk_pte(); if (vma->vm_flags & VM_WRITE) entry = pte_mkwrite(pte_mkdirty(entry)); set_pte_at()
      const { mm, addr } = here(c);
      const f = c.l.page;
      if (pteAt(c.s, mm, addr) !== null) {
        putPage(c.s, f);
        c.l.page = -1;
        return 'pte_unmap_unlock';
      }
      // ret = check_stable_address_space(vma->vm_mm); if (ret) goto release;  (release: put_page(page); goto unlock)
      if (c.s.mms[mm]!.unstable) {
        putPage(c.s, f);
        c.l.page = -1;
        return sigbus(c);
      }
      const w = vmaOf(c.s, c.l.vma).flags.write;
      addRmap(c.s, f);
      setPte(c.s, mm, addr, { kind: 'present', frame: f, write: w, dirty: w, young: true, softDirty: true });
      return 'pte_unmap_unlock';
    },
  }),
];
