/**
 * Site #6, mm/huge_memory.c:__split_huge_pmd (v5.0) {vma, addr, freeze}
 * with __split_huge_pmd_locked, and operation `split_huge_pmd_address`
 * {vma, addr} (mm/huge_memory.c: e.g. vma_adjust_trans_huge on a partial
 * mprotect/munmap, under mmap_sem held for write).
 *
 *   mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, address & HPAGE_PMD_MASK, (address & HPAGE_PMD_MASK) + HPAGE_PMD_SIZE);
 *   mmu_notifier_invalidate_range_start(&range);
 *   ptl = pmd_lock(vma->vm_mm, pmd);
 *   if (page && page != pmd_page(*pmd)) goto out;
 *   if (pmd_trans_huge(*pmd)) { ... } else if (!(pmd_devmap(*pmd) || is_pmd_migration_entry(*pmd))) goto out;
 *   __split_huge_pmd_locked(vma, pmd, range.start, freeze);
 * out: spin_unlock(ptl); mmu_notifier_invalidate_range_only_end(&range);
 *
 * __split_huge_pmd_locked: a file vma gets pmdp_huge_clear_flush_notify and
 * loses the mapping (refault later); an anonymous one gets pmdp_invalidate
 * (entry not present, TLB flushed, no ->invalidate_range), then the
 * deposited PTE table filled with the same page (each PTE keeps write,
 * young and soft-dirty; it is not dirty: pmd_dirty went to SetPageDirty;
 * page_ref_add(HPAGE_PMD_NR - 1), a mapcount per PTE) and
 * pmd_populate. A THP is one frame in the model, so every PTE maps it.
 * Abstracted: the huge zero page, migration entries (freeze), mlock.
 */
import { putPage, removeRmap } from '../mm/frames.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdpHugeClearFlushNotify } from '../mm/clearFlushNotify.js';
import { pmdSize } from '../mm/Geometry.js';
import { LockName } from '../mm/locks.js';
import type { Frame, Pte } from '../mm/MmState.js';
import { pmdAt, pmdTableOf, populatePteTable, setPte, setPmd } from '../mm/pageTable.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { localStep, lockStep, unlockStep } from '../mm/step/steps.js';
import { flushTlbRange } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';

const T = 'mm/huge_memory.c';
export const SPLIT_HUGE_PMD_SITE = '6';

const mmOf = (v: StepView | StepCtx): number => vmaOf(v.s, v.l['vma'] as number).mm;
const pmdl = (v: StepView): string => LockName.pmd(pmdTableOf(v.s, mmOf(v), v.l['haddr'] as number)!);

export const splitHugePmd: Program = {
  name: '__split_huge_pmd',
  locals: (a) => ({ vma: a['vma'] ?? null, addr: a['addr'] ?? null, freeze: a['freeze'] ?? false, haddr: 0, range: -1, frame: -1, write: false, dirty: false, young: false, soft_dirty: false }),
  steps: [
    {
      label: 'mmu_notifier_range_init',
      at: `${T}:__split_huge_pmd`,
      run: (c) => {
        const haddr = c.n('addr') - (c.n('addr') % pmdSize(c.g));
        c.l['haddr'] = haddr;
        c.l['range'] = rangeInitAt(c, haddr);
        return c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'pmd_lock');
      },
    },
    lockStep('pmd_lock', `${T}:__split_huge_pmd`, pmdl, 'w', (c) => {
      const e = pmdAt(c.s, mmOf(c), c.n('haddr'));
      // if (pmd_trans_huge(*pmd)) ... else if (!(pmd_devmap(*pmd) || is_pmd_migration_entry(*pmd))) goto out;
      if (e === null || e.kind !== 'huge') return 'spin_unlock';
      c.l['frame'] = e.frame;
      return vmaOf(c.s, c.n('vma')).file === null ? 'pmdp_invalidate' : 'pmdp_huge_clear_flush_notify';
    }),
    {
      label: 'pmdp_huge_clear_flush_notify',
      at: `${T}:__split_huge_pmd_locked`,
      run: (c) => {
        // _pmd = pmdp_huge_clear_flush_notify(vma, haddr, pmd);
        return pmdpHugeClearFlushNotify(c, mmOf(c), c.n('haddr'), 'page_remove_rmap');
      },
    },
    {
      label: 'page_remove_rmap',
      at: `${T}:__split_huge_pmd_locked`,
      run: (c) => {
        // page = pmd_page(_pmd); page_remove_rmap(page, true); put_page(page); add_mm_counter(mm, MM_FILEPAGES, -HPAGE_PMD_NR); return;
        removeRmap(c.s, c.n('frame'));
        putPage(c.s, c.n('frame'));
        return 'spin_unlock';
      },
    },
    {
      label: 'pmdp_invalidate',
      at: `${T}:__split_huge_pmd_locked`,
      run: (c) => {
        // old_pmd = pmdp_invalidate(vma, haddr, pmd);  (not present, flush_pmd_tlb_range)
        const mm = mmOf(c);
        const h = c.n('haddr');
        const e = pmdAt(c.s, mm, h) as Extract<ReturnType<typeof pmdAt>, { kind: 'huge' }>;
        setPmd(c.s, mm, h, null);
        flushTlbRange(c.s, mm, h, h + pmdSize(c.g));
        c.l['write'] = e.write;
        c.l['dirty'] = e.dirty;
        c.l['young'] = e.young;
        c.l['soft_dirty'] = e.softDirty; // write = pmd_write(old_pmd); young = pmd_young(old_pmd); soft_dirty = pmd_soft_dirty(old_pmd);
        return undefined;
      },
    },
    {
      label: 'pmd_populate',
      at: `${T}:__split_huge_pmd_locked`,
      run: (c) => {
        // page_ref_add(page, HPAGE_PMD_NR - 1); if (pmd_dirty(old_pmd)) SetPageDirty(page);
        // pgtable = pgtable_trans_huge_withdraw(mm, pmd); pmd_populate(mm, &_pmd, pgtable);
        // for (...) { entry = mk_pte(page + i, READ_ONCE(vma->vm_page_prot)); entry = maybe_mkwrite(entry, vma); if (!write) entry = pte_wrprotect(entry); if (!young) entry = pte_mkold(entry);
        //   if (soft_dirty) entry = pte_mksoft_dirty(entry); set_pte_at(); atomic_inc(&page[i]._mapcount); }
        // The PTEs are not dirty (no pte_mkdirty in v5.0: the PMD's dirty bit went to the page, SetPageDirty).
        // smp_wmb(); pmd_populate(mm, pmd, pgtable);
        const mm = mmOf(c);
        const h = c.n('haddr');
        const f = c.n('frame');
        const n = pmdSize(c.g);
        const fr = c.s.frames[f]! as Frame & { ref: number; map: number; dirty: boolean };
        fr.ref += n - 1;
        fr.map += n - 1;
        if (c.l['dirty'] === true) fr.dirty = true;
        populatePteTable(c.s, mm, h);
        const w = c.l['write'] === true && vmaOf(c.s, c.n('vma')).flags.write;
        for (let a = h; a < h + n; a++) {
          const p: Pte = { kind: 'present', frame: f, write: w, dirty: false, young: c.l['young'] === true, softDirty: c.l['soft_dirty'] === true };
          setPte(c.s, mm, a, p);
        }
        return undefined;
      },
    },
    unlockStep('spin_unlock', `${T}:__split_huge_pmd`, pmdl, 'w', (c) =>
      c.call('mmu_notifier_invalidate_range_only_end', { r: c.n('range') }, 'return'),
    ),
    localStep('return', `${T}:__split_huge_pmd`, () => DONE),
  ],
};

function rangeInitAt(c: StepCtx, haddr: number): number {
  return rangeInit(c, SPLIT_HUGE_PMD_SITE, mmOf(c), haddr, haddr + pmdSize(c.g));
}

const mmapSem = (v: StepView): string => LockName.mmapSem(vmaOf(v.s, v.l['vma'] as number).mm);

/** A caller of split_huge_pmd_address holding mmap_sem for write (vma_adjust_trans_huge in __vma_adjust). */
export const splitHugePmdAddress: Program = {
  name: 'split_huge_pmd_address',
  locals: (a) => ({ vma: a['vma'] ?? null, addr: a['addr'] ?? null }),
  steps: [
    lockStep('down_write', 'mm/mmap.c:__vma_adjust', mmapSem),
    localStep('split_huge_pmd_address', `${T}:split_huge_pmd_address`, (c) =>
      c.call('__split_huge_pmd', { vma: c.n('vma'), addr: c.n('addr'), freeze: false }, 'up_write'),
    ),
    unlockStep('up_write', 'mm/mmap.c:__vma_adjust', mmapSem, 'w', () => DONE),
  ],
};
