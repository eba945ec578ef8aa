/**
 * The KSM path that reaches sites #12 and #13, as an operation
 * {mm, addr, kmm, kaddr}: ksmd merges the anonymous page at (mm, addr) with
 * the stable KSM page mapped at (kmm, kaddr) (mm/ksm.c, v5.0). With kmm = -1
 * there is no KSM page yet: the first half of try_to_merge_two_pages, where
 * try_to_merge_with_ksm_page(rmap_item, page, NULL) write-protects the page
 * and makes it the KSM page (set_page_stable_node), without replace_page.
 *
 * ksm_do_scan -> scan_get_next_rmap_item:
 *   down_read(&mm->mmap_sem); vma = find_vma(mm, ksm_scan.address);
 *   *page = follow_page(vma, ksm_scan.address, FOLL_GET); up_read(&mm->mmap_sem);
 * cmp_and_merge_page(page, rmap_item):
 *   kpage = stable_tree_search(page);                (get_ksm_page + memcmp_pages(page, tree_page) == 0)
 *   if (kpage) { err = try_to_merge_with_ksm_page(rmap_item, page, kpage); put_page(kpage); return; }
 * try_to_merge_with_ksm_page: down_read(&mm->mmap_sem); vma = find_mergeable_vma(mm, rmap_item->address);
 *   err = try_to_merge_one_page(vma, page, kpage); up_read(&mm->mmap_sem);
 * try_to_merge_one_page:
 *   if (!PageAnon(page)) goto out; if (!trylock_page(page)) goto out;
 *   if (write_protect_page(vma, page, &orig_pte) == 0 && pages_identical(page, kpage))
 *       err = replace_page(vma, page, kpage, orig_pte);
 *   unlock_page(page);
 * ksm_do_scan: put_page(page);
 *
 * Page content is modelled by the frame's write version: the scenario's
 * page and KSM page start identical (equal versions); any write makes them
 * differ (memcmp_pages / pages_identical compare versions).
 */
import { getPage, putPage } from '../mm/frames.js';
import { LockName } from '../mm/locks.js';
import type { Frame } from '../mm/MmState.js';
import { pteAt, translate } from '../mm/pageTable.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { lockStep, unlockStep } from '../mm/step/steps.js';
import { findVma, vmaOf } from '../mm/vmas.js';
import { pvmwCanLock } from './pvmw.js';

const K = 'mm/ksm.c';
const mmSem = (v: StepView): string => LockName.mmapSem(v.l['mm'] as number);
const frame = (c: StepCtx, f: string): Frame => c.s.frames[c.n(f)]!;
const identical = (c: StepCtx): boolean => frame(c, 'page').ver === frame(c, 'kpage').ver;

/** find_vma(mm, addr) containing addr, or -1. */
function vmaAt(c: StepCtx): number {
  const id = findVma(c.s, c.n('mm'), c.n('addr'));
  return id === null || vmaOf(c.s, id).start > c.n('addr') ? -1 : id;
}

export const ksmCmpAndMergePage: Program = {
  name: 'ksm_cmp_and_merge_page',
  locals: (a) => ({ mm: a['mm'] ?? null, addr: a['addr'] ?? null, kmm: a['kmm'] ?? null, kaddr: a['kaddr'] ?? null, vma: -1, page: -1, kpage: -1, err: -14 }),
  steps: [
    lockStep('down_read', `${K}:scan_get_next_rmap_item`, mmSem, 'r'),
    {
      label: 'follow_page',
      at: `${K}:scan_get_next_rmap_item`,
      guard: (v) => pvmwCanLock(v.s, v.l['mm'] as number, v.l['addr'] as number),
      run: (c) => {
        // *page = follow_page(vma, ksm_scan.address, FOLL_GET); if (IS_ERR_OR_NULL(*page)) skip; if (PageAnon(*page)) ...
        const p = vmaAt(c) < 0 ? null : pteAt(c.s, c.n('mm'), c.n('addr'));
        if (p !== null && p.kind === 'present' && c.s.frames[p.frame]!.kind === 'anon') {
          getPage(c.s, p.frame);
          c.l['page'] = p.frame;
        }
        return undefined;
      },
    },
    unlockStep('up_read', `${K}:scan_get_next_rmap_item`, mmSem, 'r', (c) => (c.n('page') < 0 ? DONE : undefined)),
    {
      label: 'stable_tree_search',
      at: `${K}:stable_tree_search`,
      run: (c) => {
        // tree_page = get_ksm_page(stable_node, false); ret = memcmp_pages(page, tree_page);
        if (c.n('kmm') < 0) return undefined; // unstable tree match: try_to_merge_two_pages(rmap_item, page, ...)
        const t = translate(c.s, c.n('kmm'), c.n('kaddr'));
        if (t === null) return 'put_page';
        getPage(c.s, t.frame);
        c.l['kpage'] = t.frame;
        return identical(c) ? undefined : 'put_page';
      },
    },
    lockStep('down_read_merge', `${K}:try_to_merge_with_ksm_page`, mmSem, 'r', (c) => {
      // vma = find_mergeable_vma(mm, rmap_item->address); if (!vma) goto out;
      const id = vmaAt(c);
      if (id < 0) return 'up_read_merge';
      c.l['vma'] = id;
      return undefined;
    }),
    {
      label: 'trylock_page',
      at: `${K}:try_to_merge_one_page`,
      run: (c) => {
        // if (!PageAnon(page)) goto out; if (!trylock_page(page)) goto out;
        if (frame(c, 'page').kind !== 'anon' || !c.tryLock(LockName.page(c.n('page')))) return 'up_read_merge';
        return c.call('write_protect_page', { vma: c.n('vma'), page: c.n('page'), address: c.n('addr') }, 'pages_identical');
      },
    },
    {
      label: 'pages_identical',
      at: `${K}:try_to_merge_one_page`,
      run: (c) => {
        // if (write_protect_page(vma, page, &orig_pte) == 0) { ... else if (pages_identical(page, kpage)) err = replace_page(vma, page, kpage, orig_pte); }
        const orig = c.t.rv;
        if (typeof orig !== 'string') return 'unlock_page';
        if (c.n('kpage') < 0) {
          // if (!kpage) { set_page_stable_node(page, NULL); mark_page_accessed(page); err = 0; }
          c.l['err'] = 0;
          return 'unlock_page';
        }
        if (!identical(c)) return 'unlock_page';
        return c.call('replace_page', { vma: c.n('vma'), page: c.n('page'), kpage: c.n('kpage'), address: c.n('addr'), orig_pte: orig }, 'replace_page_returned');
      },
    },
    {
      label: 'replace_page_returned',
      at: `${K}:try_to_merge_one_page`,
      local: true,
      run: (c) => {
        c.l['err'] = typeof c.t.rv === 'number' ? c.t.rv : -14;
        return undefined;
      },
    },
    {
      label: 'unlock_page',
      at: `${K}:try_to_merge_one_page`,
      run: (c) => {
        c.unlock(LockName.page(c.n('page')));
        return undefined;
      },
    },
    unlockStep('up_read_merge', `${K}:try_to_merge_with_ksm_page`, mmSem, 'r'),
    {
      label: 'put_page',
      at: `${K}:cmp_and_merge_page`,
      run: (c) => {
        // put_page(kpage) (cmp_and_merge_page); put_page(page) (ksm_do_scan)
        if (c.n('kpage') >= 0) putPage(c.s, c.n('kpage'));
        putPage(c.s, c.n('page'));
        c.ret(c.n('err'));
        return DONE;
      },
    },
  ],
};
