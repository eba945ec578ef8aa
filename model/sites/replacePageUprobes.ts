/**
 * Site #2, kernel/events/uprobes.c:__replace_page (v5.0) {vma, addr,
 * old_page, new_page}: replace the page mapped at addr by the copy that
 * holds the breakpoint. Called by uprobe_write_opcode with mmap_sem held for
 * write. Returns rv 0 or -11 (-EAGAIN: the page is no longer mapped there).
 *
 *   mmu_notifier_range_init(&range, <event>, <vma>, mm, addr, addr + PAGE_SIZE);
 *   err = mem_cgroup_try_charge(...);                    (not modelled)
 *   lock_page(old_page);
 *   mmu_notifier_invalidate_range_start(&range);
 *   err = -EAGAIN;
 *   if (!page_vma_mapped_walk(&pvmw)) goto unlock;
 *   get_page(new_page); page_add_new_anon_rmap(new_page, vma, addr, false);
 *   flush_cache_page(vma, addr, pte_pfn(*pvmw.pte));
 *   ptep_clear_flush_notify(vma, addr, pvmw.pte);
 *   set_pte_at_notify(mm, addr, pvmw.pte, mk_pte(new_page, vma->vm_page_prot));
 *   page_remove_rmap(old_page, false);
 *   if (!page_mapped(old_page)) try_to_free_swap(old_page);
 *   page_vma_mapped_walk_done(&pvmw);
 *   if (vma->vm_flags & VM_LOCKED) munlock_vma_page(old_page);   (not modelled)
 *   put_page(old_page);
 *   err = 0;
 * unlock:
 *   mmu_notifier_invalidate_range_end(&range);
 *   unlock_page(old_page);
 *
 * vm_page_prot of a private (VM_SHARED-less, as uprobes requires) mapping is
 * read-only and has the accessed bit: the new PTE is read-only, young, clean.
 */
import { addRmap, getPage, putPage, removeRmap } from '../mm/frames.js';
import { LockName } from '../mm/locks.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { localStep, lockStep, unlockStep } from '../mm/step/steps.js';
import { flushTlbRange } from '../mm/tlb.js';
import { onePageRangeInit } from './onePageRange.js';
import { pvmwStep, setWalkPte } from './pvmw.js';

const AT = 'kernel/events/uprobes.c:__replace_page';
export const REPLACE_PAGE_UPROBES_SITE = '2';
const oldLock = (v: StepView): string => LockName.page(v.l['old_page'] as number);

export const replacePageUprobes: Program = {
  name: '__replace_page',
  locals: (a) => ({ vma: a['vma'] ?? null, addr: a['addr'] ?? null, old_page: a['old_page'] ?? null, new_page: a['new_page'] ?? null, mm: -1, range: -1, err: 0, ptl: '' }),
  steps: [
    {
      label: 'mmu_notifier_range_init',
      at: AT,
      run: (c) => {
        onePageRangeInit(c, REPLACE_PAGE_UPROBES_SITE, 'addr');
        return undefined;
      },
    },
    lockStep('lock_page', AT, oldLock),
    localStep('mmu_notifier_invalidate_range_start', AT, (c) =>
      c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'page_vma_mapped_walk'),
    ),
    // err = -EAGAIN; if (!page_vma_mapped_walk(&pvmw)) goto unlock;
    pvmwStep('mmu_notifier_invalidate_range_end', 'old_page', 'addr', (c) => void (c.l['err'] = -11)),
    {
      label: 'ptep_clear_flush_notify',
      at: AT,
      run: (c) => {
        // get_page(new_page); page_add_new_anon_rmap(new_page, vma, addr, false);
        getPage(c.s, c.n('new_page'));
        addRmap(c.s, c.n('new_page'));
        // ptep_clear_flush_notify: ptep_clear_flush + mmu_notifier_invalidate_range(mm, addr, addr + PAGE_SIZE)
        const mm = c.n('mm');
        const a = c.n('addr');
        setWalkPte(c, mm, a, null);
        flushTlbRange(c.s, mm, a, a + 1);
        return c.call('mmu_notifier_invalidate_range', { mm, start: a, end: a + 1 }, 'set_pte_at_notify');
      },
    },
    localStep('set_pte_at_notify', AT, (c) =>
      // set_pte_at_notify(mm, addr, pte, mk_pte(new_page, vma->vm_page_prot)): mmu_notifier_change_pte, then set_pte_at
      c.call('mmu_notifier_change_pte', { mm: c.n('mm'), addr: c.n('addr'), frame: c.n('new_page'), write: false }, 'set_pte_at'),
    ),
    {
      label: 'set_pte_at',
      at: AT,
      run: (c) => {
        setWalkPte(c, c.n('mm'), c.n('addr'), { kind: 'present', frame: c.n('new_page'), write: false, dirty: false, young: true, softDirty: false });
        // page_remove_rmap(old_page, false); page_vma_mapped_walk_done(&pvmw); put_page(old_page); err = 0;
        removeRmap(c.s, c.n('old_page'));
        c.unlock(String(c.l['ptl']));
        c.l['ptl'] = '';
        putPage(c.s, c.n('old_page'));
        c.l['err'] = 0;
        return undefined;
      },
    },
    localStep('mmu_notifier_invalidate_range_end', AT, (c) =>
      c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'unlock_page'),
    ),
    unlockStep('unlock_page', AT, oldLock, 'w', (c) => {
      c.ret(c.n('err'));
      return DONE;
    }),
  ],
};
