/** A fault on a present PTE (mm/memory.c v5.0): handle_pte_fault under the PTE lock, do_wp_page (reuse or wp_page_copy, site #19), ptep_set_access_flags. */
import { getPage, setPageDirty } from '../frames.js';
import { reuseSwapPage } from '../swap.js';
import type { Pte } from '../MmState.js';
import { pteAt, pteValue, setPte } from '../pageTable.js';
import type { StepBuilder } from '../step/defineProgram.js';
import { vmaOf } from '../vmas.js';
import { wpPageCopy } from '../../sites/wpPageCopy.js';
import { finish, here, ptl, type FaultL } from './faultHelpers.js';
import { presentWith } from '../pteWith.js';

export const presentPteSteps = ($: StepBuilder<FaultL>) => [
  $.lock('spin_lock', ptl, {
    at: 'handle_pte_fault',
    then: (c) => {
      // vmf->ptl = pte_lockptr(); spin_lock(vmf->ptl); if (unlikely(!pte_same(*vmf->pte, entry))) goto unlock;
      const { mm, addr, write } = here(c);
      const p = pteAt(c.s, mm, addr);
      if (p === null || p.kind !== 'present') return 'pte_unmap_unlock';
      if (write && !p.write) return 'do_wp_page';
      // entry = pte_mkyoung(entry); if (write) entry = pte_mkdirty(entry); ptep_set_access_flags()
      setPte(c.s, mm, addr, presentWith(p, { young: true, dirty: p.dirty || write }));
      return 'pte_unmap_unlock';
    },
  }),
  $.step('do_wp_page', {
    at: 'do_wp_page',
    run: (c) => {
      const { mm, addr } = here(c);
      const p = pteAt(c.s, mm, addr) as Extract<Pte, { kind: 'present' }>;
      const v = vmaOf(c.s, c.l.vma);
      const fr = c.s.frames[p.frame]!;
      if (fr.kind === 'zero' && v.flags.write) {
        // vmf->page = vm_normal_page(): NULL for the zero page's special PTE; a private vma (do_anonymous_page maps the zero
        // page only there: VM_SHARED is SIGBUS): pte_unmap_unlock(vmf->pte, vmf->ptl); return wp_page_copy(vmf);
        c.unlock(ptl(c));
        return c.call(wpPageCopy, { vma: c.l.vma, addr, page: -1, orig_pte: pteValue(p) }, 'wp_page_copy_returned');
      }
      const shared = v.flags.write && v.flags.shared; // (VM_WRITE|VM_SHARED) == (VM_WRITE|VM_SHARED): wp_page_shared
      // PageAnon && !PageKsm && reuse_swap_page(vmf->page, &total_map_swapcount): the only mapper and no other swap PTE (a
      // page left in the swap cache then leaves it, dirty); a KSM page is always copied
      const reuse = v.flags.write && fr.kind === 'anon' && !fr.ksm && (fr.swap === null ? fr.map === 1 : reuseSwapPage(c.s, p.frame));
      if (v.flags.write && (shared || reuse)) {
        // wp_page_reuse: entry = maybe_mkwrite(pte_mkdirty(pte_mkyoung(vmf->orig_pte)), vma); ptep_set_access_flags
        if (shared) setPageDirty(c.s, p.frame);
        setPte(c.s, mm, addr, presentWith(p, { write: true, dirty: true, young: true }));
        return 'pte_unmap_unlock';
      }
      if (!v.flags.write) return 'pte_unmap_unlock';
      // get_page(vmf->page); pte_unmap_unlock(vmf->pte, vmf->ptl); return wp_page_copy(vmf);
      getPage(c.s, p.frame);
      c.l.page = p.frame;
      c.unlock(ptl(c));
      return c.call(wpPageCopy, { vma: c.l.vma, addr, page: p.frame, orig_pte: pteValue(p) }, 'wp_page_copy_returned');
    },
  }),
  $.local('wp_page_copy_returned', (c) => finish(c, typeof c.t.rv === 'number' ? c.t.rv : 0), 'do_wp_page'),
  $.unlock('pte_unmap_unlock', ptl, { at: 'handle_pte_fault', then: (c) => finish(c, 0) }),
];
