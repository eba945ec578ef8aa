/**
 * mm/memory.c:do_swap_page (v5.0) as steps of handle_mm_fault, for a PTE
 * holding a swap entry (local `slot`). x86-64's pte_unmap_same needs no lock.
 *
 *   page = lookup_swap_cache(entry); if (!page) page = swapin_readahead(entry);   (a reference)
 *   if (!page) { pte_offset_map_lock(); if (pte_same()) ret = VM_FAULT_OOM; goto unlock; }
 *   lock_page_or_retry(page);
 *   if (!PageSwapCache(page) || page_private(page) != entry.val) goto out_page;
 *   vmf->pte = pte_offset_map_lock(); if (!pte_same(*vmf->pte, vmf->orig_pte)) goto out_nomap;
 *   pte = mk_pte(page, vma->vm_page_prot);
 *   if ((vmf->flags & FAULT_FLAG_WRITE) && reuse_swap_page(page, NULL)) { pte = maybe_mkwrite(pte_mkdirty(pte), vma); vmf->flags &= ~FAULT_FLAG_WRITE; }
 *   set_pte_at(); do_page_add_anon_rmap(page, vma, vmf->address, exclusive);
 *   swap_free(entry); if (mem_cgroup_swap_full(page) || ...) try_to_free_swap(page);
 *   unlock_page(page);
 *   if (vmf->flags & FAULT_FLAG_WRITE) { ret |= do_wp_page(vmf); goto out; }   (PTE lock still held)
 *   pte_unmap_unlock();
 * out_nomap: pte_unmap_unlock(); out_page: unlock_page(page); out_release: put_page(page);
 *
 * Not modelled: readahead, the SWP_SYNCHRONOUS_IO swap-cache bypass, KSM
 * copies, memcg charging, the soft-dirty bit of the swap entry.
 */
import { addRmap, putPage } from '../frames.js';
import { ENOMEM } from '../errno.js';
import { pteAt, setPte } from '../pageTable.js';
import type { Ctx, StepBuilder } from '../step/defineProgram.js';
import { reuseSwapPage, swapFree, swapinPage, tryToFreeSwap, vmSwapFull } from '../swap.js';
import { vmaOf } from '../vmas.js';
import { finish, here, pageLock, ptl, type FaultL } from './faultHelpers.js';
import { presentWith } from '../pteWith.js';

const D = 'do_swap_page';

/** pte_same(*vmf->pte, vmf->orig_pte): still the swap entry of `slot`. */
function sameSwapPte(c: Ctx<FaultL>): boolean {
  const { mm, addr } = here(c);
  const p = pteAt(c.s, mm, addr);
  return p !== null && p.kind === 'swap' && p.slot === c.l.slot;
}

/** out_page: unlock_page(page); out_release: put_page(page); return 0 (the access faults again). */
function outPage(c: Ctx<FaultL>) {
  c.unlock(pageLock(c));
  putPage(c.s, c.l.page);
  c.l.page = -1;
  return finish(c, 0);
}

/** The steps (a write goes on to presentPteSteps.ts's `do_wp_page`, which drops the PTE lock). */
export const swapFaultSteps = ($: StepBuilder<FaultL>) => [
  $.step('swapin_readahead', {
    at: D,
    run: (c) => {
      // page = lookup_swap_cache(entry, vma, vmf->address); if (!page) page = swapin_readahead(entry, GFP_HIGHUSER_MOVABLE, vmf);
      const f = swapinPage(c.s, c.l.slot);
      // if (!page) { vmf->pte = pte_offset_map_lock(); if (likely(pte_same(*vmf->pte, vmf->orig_pte))) ret = VM_FAULT_OOM; goto unlock; }  (one step)
      if (f < 0) return finish(c, sameSwapPte(c) ? ENOMEM : 0);
      c.l.page = f;
      return undefined;
    },
  }),
  $.lock('lock_page_or_retry', pageLock, {
    at: D,
    then: (c) => {
      // if (unlikely((!PageSwapCache(page) || page_private(page) != entry.val)) && swapcache) goto out_page;
      if (c.s.frames[c.l.page]!.swap !== c.l.slot) return outPage(c);
      return undefined;
    },
  }),
  $.lock('pte_offset_map_lock:swap', ptl, {
    at: D,
    then: (c) => {
      const { mm, addr, write } = here(c);
      const f = c.l.page;
      if (!sameSwapPte(c)) {
        // out_nomap: pte_unmap_unlock(vmf->pte, vmf->ptl); out_page ...
        c.unlock(ptl(c));
        return outPage(c);
      }
      const v = vmaOf(c.s, c.l.vma);
      let pte = { kind: 'present' as const, frame: f, write: false, dirty: false, young: true, softDirty: false }; // mk_pte(page, vma->vm_page_prot)
      if (write && reuseSwapPage(c.s, f)) {
        pte = presentWith(pte, { write: v.flags.write, dirty: true }); // maybe_mkwrite(pte_mkdirty(pte), vma)
        c.l.write = false; // vmf->flags &= ~FAULT_FLAG_WRITE;
      }
      setPte(c.s, mm, addr, pte);
      addRmap(c.s, f); // do_page_add_anon_rmap(page, vma, vmf->address, exclusive)  (the lookup's reference now backs the mapping)
      swapFree(c.s, c.l.slot); // swap_free(entry);
      if (vmSwapFull(c.s)) tryToFreeSwap(c.s, f); // if (mem_cgroup_swap_full(page) || ...) try_to_free_swap(page);
      c.unlock(pageLock(c)); // unlock_page(page);
      c.l.page = -1;
      // if (vmf->flags & FAULT_FLAG_WRITE) { ret |= do_wp_page(vmf); ... }  (do_wp_page drops the PTE lock)
      return c.l.write === true ? 'do_wp_page' : 'pte_unmap_unlock:swap';
    },
  }),
  $.unlock('pte_unmap_unlock:swap', ptl, { at: D, then: (c) => finish(c, 0) }),
];
