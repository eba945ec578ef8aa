/**
 * Sites #4 and #3: mm/huge_memory.c:do_huge_pmd_wp_page (v5.0) {vma, addr}
 * and do_huge_pmd_wp_page_fallback {vma, addr, page}, the write fault on a
 * read-only anonymous THP (handle_mm_fault, mmap_sem held for read).
 *
 * do_huge_pmd_wp_page: under the PMD lock, reuse the page when this is its
 * only mapping (reuse_swap_page); else get_page, unlock, allocate a new THP
 * and copy, then
 *   mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, haddr, haddr + HPAGE_PMD_SIZE);
 *   mmu_notifier_invalidate_range_start(&range);
 *   spin_lock(vmf->ptl); if (page) put_page(page);
 *   if (unlikely(!pmd_same(*vmf->pmd, orig_pmd))) { spin_unlock; put_page(new_page); goto out_mn; }
 *   pmdp_huge_clear_flush_notify(vma, haddr, vmf->pmd); page_add_new_anon_rmap(new_page, ...);
 *   set_pmd_at(vma->vm_mm, haddr, vmf->pmd, entry); page_remove_rmap(page, true); put_page(page);
 *   spin_unlock(vmf->ptl);
 * out_mn: mmu_notifier_invalidate_range_only_end(&range);
 * When the THP allocation fails (scenario thread arg `thp_alloc_fail`:
 * transparent_hugepage disabled or no huge page) it calls the fallback (#3),
 * which copies into HPAGE_PMD_NR small pages and, in the range, replaces the
 * huge PMD by a PTE table of the copies (pmdp_huge_clear_flush_notify, then
 * pmd_populate); on !pmd_same it ends the range with a full
 * mmu_notifier_invalidate_range_end. An OOM there splits the PMD instead.
 * A write fault on a file THP goes to wp_huge_pmd's fallback instead: split
 * the PMD (site #6) and let the PTE-level fault do the COW.
 * Abstracted: the huge zero page, memcg charges, the trylock_page dance (the
 * page lock is taken while the PMD lock is held only when it is free), DAX ->huge_fault.
 */
import { addRmap, allocFrame, getPage, putPage, removeRmap } from '../mm/frames.js';
import { pmdpHugeClearFlushNotify } from '../mm/clearFlushNotify.js';
import { pmdSize } from '../mm/Geometry.js';
import { LockName, canTake } from '../mm/locks.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import type { PmdEntry } from '../mm/MmState.js';
import { pmdAt, pmdTableOf, populatePteTable, setPte, setPmd } from '../mm/pageTable.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { localStep, lockStep, unlockStep } from '../mm/step/steps.js';
import { vmaOf } from '../mm/vmas.js';

const T = 'mm/huge_memory.c';
export const WP_PAGE_SITE = '4';
export const WP_PAGE_FALLBACK_SITE = '3';

const mmOf = (v: StepView | StepCtx): number => vmaOf(v.s, v.l['vma'] as number).mm;
const pmdl = (v: StepView): string => LockName.pmd(pmdTableOf(v.s, mmOf(v), v.l['haddr'] as number)!);
/** pmd_same(*vmf->pmd, orig_pmd): still the read-only huge mapping of the same page. */
function pmdSame(c: StepCtx): boolean {
  const e = pmdAt(c.s, mmOf(c), c.n('haddr'));
  return e !== null && e.kind === 'huge' && e.frame === c.n('orig') && !e.write;
}

export const doHugePmdWpPage: Program = {
  name: 'do_huge_pmd_wp_page',
  locals: (a) => {
    const vma = a['vma'] ?? null;
    return { vma, 'vmf->vma': vma, addr: a['addr'] ?? null, haddr: 0, orig: -1, page: -1, new_page: -1, range: -1 };
  },
  steps: [
    {
      label: 'orig_pmd',
      at: `${T}:do_huge_pmd_wp_page`,
      local: true,
      run: (c) => {
        // the fault's orig_pmd (read by __handle_mm_fault without the lock); haddr = vmf->address & HPAGE_PMD_MASK
        const haddr = c.n('addr') - (c.n('addr') % pmdSize(c.g));
        c.l['haddr'] = haddr;
        const e = pmdAt(c.s, mmOf(c), haddr);
        c.l['orig'] = e !== null && e.kind === 'huge' ? e.frame : -1;
        // mm/memory.c:wp_huge_pmd: if (vma_is_anonymous(vmf->vma)) return do_huge_pmd_wp_page(vmf, orig_pmd);
        // (no ->huge_fault modelled) /* COW handled on pte level: split pmd */ __split_huge_pmd(vmf->vma, vmf->pmd, vmf->address, false, NULL); return VM_FAULT_FALLBACK;
        if (vmaOf(c.s, c.n('vma')).file !== null) return c.call('__split_huge_pmd', { vma: c.n('vma'), addr: c.n('addr'), freeze: false }, 'out');
        return undefined;
      },
    },
    lockStep('spin_lock', `${T}:do_huge_pmd_wp_page`, pmdl, 'w', (c) => {
      // if (unlikely(!pmd_same(*vmf->pmd, orig_pmd))) goto out_unlock; page = pmd_page(orig_pmd);
      if (!pmdSame(c)) return 'out_unlock';
      const f = c.n('orig');
      // if (!trylock_page(page)) { ... } if (reuse_swap_page(page, NULL)) { entry = maybe_pmd_mkwrite(pmd_mkdirty(pmd_mkyoung(orig_pmd))); pmdp_set_access_flags(); ... goto out_unlock; }
      const fr = c.s.frames[f]!;
      if (fr.kind === 'anon' && fr.map === 1 && canTake(c.s, LockName.page(f))) {
        const e = pmdAt(c.s, mmOf(c), c.n('haddr')) as Extract<PmdEntry, { kind: 'huge' }>;
        setPmd(c.s, mmOf(c), c.n('haddr'), { ...e, write: vmaOf(c.s, c.n('vma')).flags.write, dirty: true, young: true, softDirty: true });
        return 'out_unlock';
      }
      // unlock_page(page); get_page(page); spin_unlock(vmf->ptl);
      getPage(c.s, f);
      c.l['page'] = f;
      return undefined;
    }),
    unlockStep('spin_unlock', `${T}:do_huge_pmd_wp_page`, pmdl),
    {
      label: 'alloc_hugepage_vma',
      at: `${T}:do_huge_pmd_wp_page`,
      run: (c) => {
        // if (transparent_hugepage_enabled(vma) && !transparent_hugepage_debug_cow()) new_page = alloc_hugepage_vma(...); else new_page = NULL;
        const f = c.cfg.args['thp_alloc_fail'] === true ? -1 : allocFrame(c.s, 'anon', null, 0, true);
        if (f < 0) {
          // ret = do_huge_pmd_wp_page_fallback(vmf, orig_pmd, page); if (ret & VM_FAULT_OOM) { split_huge_pmd(); ret |= VM_FAULT_FALLBACK; } put_page(page);
          return c.call('do_huge_pmd_wp_page_fallback', { vma: c.n('vma'), addr: c.n('addr'), page: c.n('page') }, 'fallback_returned');
        }
        c.l['new_page'] = f;
        return undefined;
      },
    },
    {
      label: 'mmu_notifier_range_init',
      at: `${T}:do_huge_pmd_wp_page`,
      run: (c) => {
        // copy_user_huge_page(new_page, page, haddr, vma, HPAGE_PMD_NR); __SetPageUptodate(new_page);
        c.l['range'] = rangeInit(c, WP_PAGE_SITE, mmOf(c), c.n('haddr'), c.n('haddr') + pmdSize(c.g));
        return c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'spin_lock_2');
      },
    },
    lockStep('spin_lock_2', `${T}:do_huge_pmd_wp_page`, pmdl, 'w', (c) => {
      // spin_lock(vmf->ptl); if (page) put_page(page);
      putPage(c.s, c.n('page'));
      if (!pmdSame(c)) {
        // spin_unlock(vmf->ptl); mem_cgroup_cancel_charge(); put_page(new_page); goto out_mn;
        putPage(c.s, c.n('new_page'));
        c.l['new_page'] = -1;
        return 'spin_unlock_2';
      }
      // pmdp_huge_clear_flush_notify(vma, haddr, vmf->pmd);
      return pmdpHugeClearFlushNotify(c, mmOf(c), c.n('haddr'), 'set_pmd_at');
    }),
    {
      label: 'set_pmd_at',
      at: `${T}:do_huge_pmd_wp_page`,
      run: (c) => {
        // page_add_new_anon_rmap(new_page, vma, haddr, true); set_pmd_at(vma->vm_mm, haddr, vmf->pmd, entry); page_remove_rmap(page, true); put_page(page);
        const f = c.n('new_page');
        addRmap(c.s, f);
        const w = vmaOf(c.s, c.n('vma')).flags.write;
        setPmd(c.s, mmOf(c), c.n('haddr'), { kind: 'huge', frame: f, write: w, dirty: true, young: true, softDirty: true });
        removeRmap(c.s, c.n('page'));
        putPage(c.s, c.n('page'));
        return undefined;
      },
    },
    unlockStep('spin_unlock_2', `${T}:do_huge_pmd_wp_page`, pmdl, 'w', (c) =>
      // out_mn: mmu_notifier_invalidate_range_only_end(&range);
      c.call('mmu_notifier_invalidate_range_only_end', { r: c.n('range') }, 'out'),
    ),
    localStep('out', `${T}:do_huge_pmd_wp_page`, (c) => {
      c.ret(0);
      return DONE;
    }),
    unlockStep('out_unlock', `${T}:do_huge_pmd_wp_page`, pmdl, 'w', (c) => {
      c.ret(0);
      return DONE;
    }),
    {
      label: 'fallback_returned',
      at: `${T}:do_huge_pmd_wp_page`,
      run: (c) => {
        // if (ret & VM_FAULT_OOM) { split_huge_pmd(vma, vmf->pmd, vmf->address); ret |= VM_FAULT_FALLBACK; } put_page(page);
        putPage(c.s, c.n('page'));
        if (c.t.rv === -12) return c.call('__split_huge_pmd', { vma: c.n('vma'), addr: c.n('addr'), freeze: false }, 'out');
        return 'out';
      },
    },
  ],
};

export const doHugePmdWpPageFallback: Program = {
  name: 'do_huge_pmd_wp_page_fallback',
  locals: (a) => {
    const vma = a['vma'] ?? null;
    return { vma, 'vmf->vma': vma, addr: a['addr'] ?? null, page: a['page'] ?? null, haddr: 0, first: -1, range: -1 };
  },
  steps: [
    {
      label: 'alloc_page_vma_node',
      at: `${T}:do_huge_pmd_wp_page_fallback`,
      run: (c) => {
        // for (i = 0; i < HPAGE_PMD_NR; i++) { pages[i] = alloc_page_vma_node(...); if (!pages[i] ...) { free them; ret |= VM_FAULT_OOM; goto out; } }
        // for (i = 0; i < HPAGE_PMD_NR; i++) copy_user_highpage(pages[i], page + i, haddr + PAGE_SIZE * i, vma);
        const n = pmdSize(c.g);
        const got: number[] = [];
        for (let i = 0; i < n; i++) {
          const f = allocFrame(c.s, 'anon');
          if (f < 0) {
            for (const g of got) putPage(c.s, g);
            c.ret(-12);
            return DONE;
          }
          got.push(f);
        }
        c.l['first'] = got[0]!;
        c.l['haddr'] = c.n('addr') - (c.n('addr') % n);
        // pages are recorded as first..first+n-1 (lowest free frames, allocated in order)
        if (got.some((f, i) => f !== got[0]! + i)) return c.fail('fallback pages not contiguous in the frame pool (scenario frames)');
        return undefined;
      },
    },
    {
      label: 'mmu_notifier_range_init',
      at: `${T}:do_huge_pmd_wp_page_fallback`,
      run: (c) => {
        c.l['range'] = rangeInit(c, WP_PAGE_FALLBACK_SITE, mmOf(c), c.n('haddr'), c.n('haddr') + pmdSize(c.g));
        return c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'pmd_lock');
      },
    },
    lockStep('pmd_lock', `${T}:do_huge_pmd_wp_page_fallback`, pmdl, 'w', (c) => {
      // if (unlikely(!pmd_same(*vmf->pmd, orig_pmd))) goto out_free_pages;
      const e = pmdAt(c.s, mmOf(c), c.n('haddr'));
      if (e === null || e.kind !== 'huge' || e.frame !== c.n('page') || e.write) return 'out_free_pages';
      // pmdp_huge_clear_flush_notify(vma, haddr, vmf->pmd);
      return pmdpHugeClearFlushNotify(c, mmOf(c), c.n('haddr'), 'pmd_populate');
    }),
    {
      label: 'pmd_populate',
      at: `${T}:do_huge_pmd_wp_page_fallback`,
      run: (c) => {
        // pgtable = pgtable_trans_huge_withdraw(); pmd_populate(&_pmd, pgtable); for (...) { entry = maybe_mkwrite(pte_mkdirty(mk_pte(pages[i])), vma); page_add_new_anon_rmap(pages[i]); set_pte_at(); }
        // smp_wmb(); pmd_populate(vma->vm_mm, vmf->pmd, pgtable); page_remove_rmap(page, true);
        const mm = mmOf(c);
        const h = c.n('haddr');
        const w = vmaOf(c.s, c.n('vma')).flags.write;
        populatePteTable(c.s, mm, h);
        for (let i = 0; i < pmdSize(c.g); i++) {
          const f = c.n('first') + i;
          addRmap(c.s, f);
          setPte(c.s, mm, h + i, { kind: 'present', frame: f, write: w, dirty: true, young: true, softDirty: true });
        }
        removeRmap(c.s, c.n('page'));
        return undefined;
      },
    },
    unlockStep('spin_unlock', `${T}:do_huge_pmd_wp_page_fallback`, pmdl, 'w', (c) =>
      c.call('mmu_notifier_invalidate_range_only_end', { r: c.n('range') }, 'put_page'),
    ),
    {
      label: 'put_page',
      at: `${T}:do_huge_pmd_wp_page_fallback`,
      run: (c) => {
        // ret |= VM_FAULT_WRITE; put_page(page);
        putPage(c.s, c.n('page'));
        c.ret(0);
        return DONE;
      },
    },
    unlockStep('out_free_pages', `${T}:do_huge_pmd_wp_page_fallback`, pmdl, 'w', (c) =>
      // out_free_pages: spin_unlock(vmf->ptl); mmu_notifier_invalidate_range_end(&range);
      c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'free_pages'),
    ),
    {
      label: 'free_pages',
      at: `${T}:do_huge_pmd_wp_page_fallback`,
      run: (c) => {
        for (let i = 0; i < pmdSize(c.g); i++) putPage(c.s, c.n('first') + i);
        c.ret(0);
        return DONE;
      },
    },
  ],
};
