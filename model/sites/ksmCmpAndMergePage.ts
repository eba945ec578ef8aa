/**
 * The KSM path that reaches sites #12 and #13, as an operation
 * {mm, addr, kmm, kaddr}: ksmd merges the anonymous page at (mm, addr) with
 * the stable KSM page mapped at (kmm, kaddr) (mm/ksm.c, v5.0). With kmm = -1
 * there is no KSM page yet: the first half of try_to_merge_two_pages, where
 * try_to_merge_with_ksm_page(rmap_item, page, NULL) write-protects the page
 * and makes it the KSM page (set_page_stable_node), without replace_page.
 *
 * ksm_do_scan -> scan_get_next_rmap_item:
 *   down_read(&mm->mmap_sem); if (ksm_test_exit(mm)) vma = NULL; else vma = find_vma(mm, ksm_scan.address);
 *   *page = follow_page(vma, ksm_scan.address, FOLL_GET); up_read(&mm->mmap_sem);
 * cmp_and_merge_page(page, rmap_item):
 *   kpage = stable_tree_search(page);                (get_ksm_page + memcmp_pages(page, tree_page) == 0)
 *   if (kpage) { err = try_to_merge_with_ksm_page(rmap_item, page, kpage); put_page(kpage); return; }
 * try_to_merge_with_ksm_page: down_read(&mm->mmap_sem); vma = find_mergeable_vma(mm, rmap_item->address);  (NULL once ksm_test_exit)
 *   err = try_to_merge_one_page(vma, page, kpage); up_read(&mm->mmap_sem);
 * try_to_merge_one_page:
 *   if (!PageAnon(page)) goto out; if (!trylock_page(page)) goto out;
 *   if (write_protect_page(vma, page, &orig_pte) == 0 && pages_identical(page, kpage))
 *       err = replace_page(vma, page, kpage, orig_pte);
 *   unlock_page(page);
 * ksm_do_scan: put_page(page);
 *
 * ksmd holds no mm_users reference: ksm_test_exit (mm_users == 0) under
 * mmap_sem, before each walk, and __mmput's ksm_exit (model/sites/mmputExits.ts)
 * keep it off an mm exit_mmap tears down (model/sites/foreignWalks.ts).
 *
 * Page content is modelled by the frame's write version: the scenario's
 * page and KSM page start identical (equal versions); any write makes them
 * differ (memcmp_pages / pages_identical compare versions). The KSM page is
 * PageKsm from the initial state on (markStablePages below), so that a write
 * fault copies it (do_wp_page) rather than reuse it.
 */
import { EFAULT } from '../mm/errno.js';
import { getPage, putPage, setPageKsm } from '../mm/frames.js';
import { LockName } from '../mm/locks.js';
import { KSMD_OP } from '../mm/mmTasks.js';
import { mmTestExit } from '../mm/mmUsers.js';
import type { Frame, MmState, ThreadConfig } from '../mm/MmState.js';
import { pteAt, translate } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { findVma, vmaOf } from '../mm/vmas.js';
import { ksmReplacePage } from './ksmReplacePage.js';
import { ksmWriteProtectPage } from './ksmWriteProtectPage.js';
import { pvmwCanLock } from './pvmw.js';

const K = 'mm/ksm.c';

interface Args {
  readonly mm: number;
  readonly addr: number;
  /** the KSM page's mm and address; -1: no stable page yet */
  readonly kmm: number;
  readonly kaddr: number;
}
const locals = (a: Args) => ({ mm: a.mm, addr: a.addr, kmm: a.kmm, kaddr: a.kaddr, vma: -1, page: -1, kpage: -1, err: EFAULT });
type L = ReturnType<typeof locals>;

const mmSem = (v: View<L>): string => LockName.mmapSem(v.l.mm);
const frame = (c: Ctx<L>, f: number): Frame => c.s.frames[f]!;
const identical = (c: Ctx<L>): boolean => frame(c, c.l.page).ver === frame(c, c.l.kpage).ver;

/** find_vma(mm, addr) containing addr, or -1. */
function vmaAt(c: Ctx<L>): number {
  const id = findVma(c.s, c.l.mm, c.l.addr);
  return id === null || vmaOf(c.s, id).start > c.l.addr ? -1 : id;
}

export const ksmCmpAndMergePage = defineProgram({
  name: KSMD_OP,
  file: K,
  params: ['mm', 'addr', 'kmm', 'kaddr'],
  locals,
  steps: ($) => [
    $.lock('down_read', mmSem, {
      at: 'scan_get_next_rmap_item',
      mode: 'r',
      // if (ksm_test_exit(mm)) vma = NULL; else vma = find_vma(mm, ksm_scan.address);  (no vma: no page, the slot is freed)
      then: (c) => (mmTestExit(c.s, c.l.mm) ? 'up_read' : undefined),
    }),
    $.step('follow_page', {
      at: 'scan_get_next_rmap_item',
      guard: (v) => pvmwCanLock(v.s, v.l.mm, v.l.addr),
      run: (c) => {
        // *page = follow_page(vma, ksm_scan.address, FOLL_GET); if (IS_ERR_OR_NULL(*page)) skip; if (PageAnon(*page)) ...
        const p = vmaAt(c) < 0 ? null : pteAt(c.s, c.l.mm, c.l.addr);
        if (p !== null && p.kind === 'present' && c.s.frames[p.frame]!.kind === 'anon') {
          getPage(c.s, p.frame);
          c.l.page = p.frame;
        }
        return undefined;
      },
    }),
    $.unlock('up_read', mmSem, { at: 'scan_get_next_rmap_item', mode: 'r', then: (c) => (c.l.page < 0 ? DONE : undefined) }),
    $.step('stable_tree_search', {
      at: 'stable_tree_search',
      run: (c) => {
        // cmp_and_merge_page: stable_node = page_stable_node(page); if (stable_node) { ... if (rmap_item->head == stable_node) return; }
        // (a page this address already merged: the model takes the rmap_item to be on its stable node)
        if (frame(c, c.l.page).ksm) return 'put_page';
        // tree_page = get_ksm_page(stable_node, false); ret = memcmp_pages(page, tree_page);
        if (c.l.kmm < 0) return undefined; // unstable tree match: try_to_merge_two_pages(rmap_item, page, ...)
        const t = translate(c.s, c.l.kmm, c.l.kaddr);
        // the page there is the stable node's KSM page, unless a write fault copied it away (get_ksm_page finds no such page)
        if (t === null || !c.s.frames[t.frame]!.ksm) return 'put_page';
        getPage(c.s, t.frame);
        c.l.kpage = t.frame;
        return identical(c) ? undefined : 'put_page';
      },
    }),
    $.lock('down_read_merge', mmSem, {
      at: 'try_to_merge_with_ksm_page',
      mode: 'r',
      then: (c) => {
        // vma = find_mergeable_vma(mm, rmap_item->address); if (!vma) goto out;
        // find_mergeable_vma: if (ksm_test_exit(mm)) return NULL; vma = find_vma(mm, addr); ...
        if (mmTestExit(c.s, c.l.mm)) return 'up_read_merge';
        const id = vmaAt(c);
        if (id < 0) return 'up_read_merge';
        c.l.vma = id;
        return undefined;
      },
    }),
    $.step('trylock_page', {
      at: 'try_to_merge_one_page',
      run: (c) => {
        // if (!PageAnon(page)) goto out; if (!trylock_page(page)) goto out;
        if (frame(c, c.l.page).kind !== 'anon' || !c.tryLock(LockName.page(c.l.page))) return 'up_read_merge';
        return c.call(ksmWriteProtectPage, { vma: c.l.vma, page: c.l.page, address: c.l.addr }, 'pages_identical');
      },
    }),
    $.step('pages_identical', {
      at: 'try_to_merge_one_page',
      run: (c) => {
        // if (write_protect_page(vma, page, &orig_pte) == 0) { ... else if (pages_identical(page, kpage)) err = replace_page(vma, page, kpage, orig_pte); }
        const orig = c.t.rv; // *orig_pte (its presentPteCode), or -EFAULT
        if (typeof orig !== 'number' || orig < 0) return 'unlock_page';
        if (c.l.kpage < 0) {
          // if (!kpage) { set_page_stable_node(page, NULL); mark_page_accessed(page); err = 0; }  (PageKsm from here on)
          setPageKsm(c.s, c.l.page);
          c.l.err = 0;
          return 'unlock_page';
        }
        if (!identical(c)) return 'unlock_page';
        return c.call(ksmReplacePage, { vma: c.l.vma, page: c.l.page, kpage: c.l.kpage, address: c.l.addr, orig_pte: orig }, 'replace_page_returned');
      },
    }),
    $.step('replace_page_returned', {
      at: 'try_to_merge_one_page',
      local: true,
      run: (c) => {
        c.l.err = typeof c.t.rv === 'number' ? c.t.rv : EFAULT;
        return undefined;
      },
    }),
    $.unlock('unlock_page', (v) => LockName.page(v.l.page), { at: 'try_to_merge_one_page' }),
    $.unlock('up_read_merge', mmSem, { at: 'try_to_merge_with_ksm_page', mode: 'r' }),
    $.step('put_page', {
      at: 'cmp_and_merge_page',
      run: (c) => {
        // put_page(kpage) (cmp_and_merge_page); put_page(page) (ksm_do_scan)
        if (c.l.kpage >= 0) putPage(c.s, c.l.kpage);
        putPage(c.s, c.l.page);
        c.ret(c.l.err);
        return DONE;
      },
    }),
  ],
});

/**
 * The stable page a `ksm_cmp_and_merge_page` thread is given ({kmm, kaddr}:
 * the page stable_tree_search finds) is a KSM page from the start: KSM
 * merged it before the scenario begins (set_page_stable_node), so it is
 * PageKsm for every thread, a write fault included. Called on the initial
 * state (model/scenario/buildInitialState.ts).
 */
export function markStablePages(s: MmState, threads: readonly ThreadConfig[]): void {
  for (const t of threads) {
    if (t.op !== ksmCmpAndMergePage.name) continue;
    const { kmm, kaddr } = t.args;
    if (typeof kmm !== 'number' || kmm < 0 || typeof kaddr !== 'number') continue;
    const tr = translate(s, kmm, kaddr);
    if (tr !== null && s.frames[tr.frame]!.kind === 'anon') setPageKsm(s, tr.frame);
  }
}
