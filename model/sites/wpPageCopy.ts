/**
 * Site #19, mm/memory.c:wp_page_copy (v5.0) {vma, addr, page}: the COW of a
 * write fault. Called by handle_mm_fault's do_wp_page with mmap_sem held for
 * read, the PTE lock dropped, and a reference on the old page (`page`).
 *
 *   new_page = alloc_page_vma(); cow_user_page(new_page, old_page);
 *   mmu_notifier_range_init(&range, <event>, <vma>, mm, addr & PAGE_MASK, +PAGE_SIZE);
 *   mmu_notifier_invalidate_range_start(&range);
 *   vmf->pte = pte_offset_map_lock(); if (pte_same(*vmf->pte, vmf->orig_pte)) {
 *       entry = maybe_mkwrite(pte_mkdirty(mk_pte(new_page, vma->vm_page_prot)), vma);
 *       ptep_clear_flush_notify(vma, addr, vmf->pte);
 *       page_add_new_anon_rmap(new_page, vma, addr, false);
 *       set_pte_at_notify(mm, addr, vmf->pte, entry);
 *       page_remove_rmap(old_page, false); new_page = old_page;
 *   }
 *   if (new_page) put_page(new_page);
 *   pte_unmap_unlock(vmf->pte, vmf->ptl);
 *   mmu_notifier_invalidate_range_only_end(&range);
 *   put_page(old_page);
 *
 * `vma` and `vmf->vma` are the same vma (`struct vm_area_struct *vma =
 * vmf->vma;`), both in scope. pte_same compares the whole PTE with
 * vmf->orig_pte (`orig_pte`, the value do_wp_page saw under the PTE lock):
 * frame, write, and the accessed, dirty and soft-dirty bits, so an A/D bit
 * set by the CPU meanwhile makes the COW back off (the fault is retried), as
 * in the kernel. `page` -1 is old_page NULL: orig_pte maps the zero page,
 * and the new page is zeroed instead of copied. Abstracted: anon_vma_prepare,
 * memcg, mlock.
 */
import { addRmap, allocFrame, putPage, removeRmap } from '../mm/frames.js';
import { LockName } from '../mm/locks.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pteAt, pteTableOf, pteValue, setPte } from '../mm/pageTable.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { lockStep } from '../mm/step/steps.js';
import { flushTlbRange } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';

const M = 'mm/memory.c';
export const WP_PAGE_COPY_SITE = '19';
const mmOf = (v: StepView | StepCtx): number => vmaOf(v.s, v.l['vma'] as number).mm;
const ptl = (v: StepView): string => LockName.ptl(pteTableOf(v.s, mmOf(v), v.l['addr'] as number)!);

export const wpPageCopy: Program = {
  name: 'wp_page_copy',
  locals: (a) => ({ vma: a['vma'] ?? null, 'vmf->vma': a['vma'] ?? null, addr: a['addr'] ?? null, page: a['page'] ?? null, orig_pte: a['orig_pte'] ?? null, new_page: -1, range: -1, copied: false }),
  steps: [
    {
      label: 'alloc_page_vma',
      at: `${M}:wp_page_copy`,
      run: (c) => {
        // new_page = alloc_page_vma(GFP_HIGHUSER_MOVABLE, vma, vmf->address); if (!new_page) goto oom; cow_user_page(new_page, old_page, ...);
        // (old page NULL: the zero page, is_zero_pfn(pte_pfn(vmf->orig_pte)): new_page = alloc_zeroed_user_highpage_movable())
        const f = allocFrame(c.s, 'anon');
        if (f < 0) {
          if (c.n('page') >= 0) putPage(c.s, c.n('page')); // oom: if (old_page) put_page(old_page); return VM_FAULT_OOM;
          c.ret(-12);
          return DONE;
        }
        c.l['new_page'] = f;
        return undefined;
      },
    },
    {
      label: 'mmu_notifier_range_init',
      at: `${M}:wp_page_copy`,
      run: (c) => {
        c.l['range'] = rangeInit(c, WP_PAGE_COPY_SITE, mmOf(c), c.n('addr'), c.n('addr') + 1);
        return c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'pte_offset_map_lock');
      },
    },
    lockStep('pte_offset_map_lock', `${M}:wp_page_copy`, ptl, 'w', (c) => {
      // if (likely(pte_same(*vmf->pte, vmf->orig_pte))) { ... } else { mem_cgroup_cancel_charge(); }
      // pte_same (arch/x86/include/asm/pgtable.h): a.pte == b.pte, every bit
      const p = pteAt(c.s, mmOf(c), c.n('addr'));
      const same = p !== null && pteValue(p) === c.l['orig_pte'];
      return same ? 'ptep_clear_flush_notify' : 'put_page';
    }),
    {
      label: 'ptep_clear_flush_notify',
      at: `${M}:wp_page_copy`,
      run: (c) => {
        // ptep_clear_flush_notify(vma, vmf->address, vmf->pte): ptep_clear_flush + mmu_notifier_invalidate_range
        const mm = mmOf(c);
        const a = c.n('addr');
        setPte(c.s, mm, a, null);
        flushTlbRange(c.s, mm, a, a + 1);
        return c.call('mmu_notifier_invalidate_range', { mm, start: a, end: a + 1 }, 'page_add_new_anon_rmap');
      },
    },
    {
      label: 'page_add_new_anon_rmap',
      at: `${M}:wp_page_copy`,
      run: (c) => {
        // page_add_new_anon_rmap(new_page, vma, vmf->address, false); ... set_pte_at_notify(mm, vmf->address, vmf->pte, entry) -> change_pte first
        addRmap(c.s, c.n('new_page'));
        const write = vmaOf(c.s, c.n('vma')).flags.write;
        return c.call('mmu_notifier_change_pte', { mm: mmOf(c), addr: c.n('addr'), frame: c.n('new_page'), write }, 'set_pte_at');
      },
    },
    {
      label: 'set_pte_at',
      at: `${M}:wp_page_copy`,
      run: (c) => {
        // entry = maybe_mkwrite(pte_mkdirty(mk_pte(new_page, vma->vm_page_prot)), vma); set_pte_at(mm, addr, pte, entry)
        const write = vmaOf(c.s, c.n('vma')).flags.write;
        setPte(c.s, mmOf(c), c.n('addr'), { kind: 'present', frame: c.n('new_page'), write, dirty: true, young: true, softDirty: true });
        return undefined;
      },
    },
    {
      label: 'page_remove_rmap',
      at: `${M}:wp_page_copy`,
      run: (c) => {
        // if (old_page) { page_remove_rmap(old_page, false); } /* Free the old page.. */ new_page = old_page; page_copied = 1;
        if (c.n('page') >= 0) removeRmap(c.s, c.n('page'));
        c.l['new_page'] = c.n('page');
        c.l['copied'] = true;
        return undefined;
      },
    },
    {
      label: 'put_page',
      at: `${M}:wp_page_copy`,
      run: (c) => {
        // if (new_page) put_page(new_page); pte_unmap_unlock(vmf->pte, vmf->ptl);
        if (c.n('new_page') >= 0) putPage(c.s, c.n('new_page'));
        c.unlock(ptl(c));
        return c.call('mmu_notifier_invalidate_range_only_end', { r: c.n('range') }, 'put_old_page');
      },
    },
    {
      label: 'put_old_page',
      at: `${M}:wp_page_copy`,
      run: (c) => {
        // if (old_page) put_page(old_page); return page_copied ? VM_FAULT_WRITE : 0;
        if (c.n('page') >= 0) putPage(c.s, c.n('page'));
        c.ret(0);
        return DONE;
      },
    },
  ],
};
