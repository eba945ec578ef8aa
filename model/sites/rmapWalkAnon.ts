/**
 * mm/rmap.c:rmap_walk_anon (v5.0) as a subroutine: the reverse-map walk of
 * an anonymous page, used by try_to_unmap (#28) from anonymous reclaim.
 *
 *   anon_vma = rmap_walk_anon_lock(page, rwc);      (anon_vma_lock_read: the root's rwsem)
 *   pgoff_start = page_to_pgoff(page);
 *   anon_vma_interval_tree_foreach(avc, &anon_vma->rb_root, pgoff_start, pgoff_end) {
 *       unsigned long address = vma_address(page, vma);
 *       if (!rwc->rmap_one(page, vma, address, rwc->arg)) break;
 *       if (rwc->done && rwc->done(page)) break;
 *   }
 *   anon_vma_unlock_read(anon_vma);
 *
 * The model keeps no anon_vma_chain: the tree is every live vma with the
 * page's anon_vma (fork copies the id: the root) whose window covers the
 * page's index, in id order. The model's frames keep no index for anonymous
 * pages: the caller passes it (`index`, the linear page index at the address
 * reclaim found the page) and `anon_vma`.
 * Arguments: page, index, anon_vma, one, arg, done_unmapped (as rmap_walk_file).
 */
import { LockName } from '../mm/locks.js';
import type { MmState } from '../mm/MmState.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';
import { vmaOf } from '../mm/vmas.js';
import type { RmapWalkArgs } from './rmapWalkFile.js';

interface Args extends Omit<RmapWalkArgs, 'shared_only'> {
  /** page->index (linear_page_index at the address reclaim found the page) */
  readonly index: number;
  readonly anon_vma: number;
}

const locals = (a: Args) => ({
  page: a.page,
  index: a.index,
  anon_vma: a.anon_vma,
  one: a.one,
  arg: a.arg ?? 0,
  done_unmapped: a.done_unmapped ?? false,
  /** the next vma of the tree walk */
  i: 0,
});
type L = ReturnType<typeof locals>;

const anonVmaLock = (v: View<L>): string => LockName.anonVma(v.l.anon_vma);

/** anon_vma_interval_tree_foreach: live vmas of anon_vma `av` whose window [pgoff, pgoff + pages) holds `index`, by id. */
export function anonVmasMappingIndex(s: MmState, av: number, index: number): number[] {
  return s.vmas.filter((v) => v.live && v.inAnonVma && v.anonVma === av && v.pgoff <= index && index < v.pgoff + (v.end - v.start)).map((v) => v.id);
}

export const rmapWalkAnon = defineProgram({
  name: 'rmap_walk_anon',
  file: 'mm/rmap.c',
  params: ['page', 'index', 'anon_vma', 'one'],
  locals,
  steps: ($) => [
    $.lock('anon_vma_lock_read', anonVmaLock, { at: 'rmap_walk_anon_lock', mode: 'r' }),
    $.step('anon_vma_interval_tree_foreach', (c) => {
      const page = c.l.page;
      if (c.l.done_unmapped && c.l.i > 0 && c.s.frames[page]!.map === 0) return 'anon_vma_unlock_read'; // rwc->done(page)
      const vmas = anonVmasMappingIndex(c.s, c.l.anon_vma, c.l.index);
      if (c.l.i >= vmas.length) return 'anon_vma_unlock_read';
      const v = vmaOf(c.s, vmas[c.l.i]!);
      c.l.i += 1;
      const address = v.start + (c.l.index - v.pgoff); // vma_address(page, vma)
      // rwc->rmap_one(page, vma, address, rwc->arg): a function pointer
      return c.callByName(c.l.one, { page, vma: v.id, address, arg: c.l.arg }, 'rmap_one_returned');
    }),
    $.step('rmap_one_returned', {
      local: true,
      // if (!rwc->rmap_one(page, vma, address, rwc->arg)) break;
      run: (c) => (c.t.rv === false ? 'anon_vma_unlock_read' : 'anon_vma_interval_tree_foreach'),
    }),
    $.unlock('anon_vma_unlock_read', anonVmaLock, { mode: 'r', then: () => DONE }),
  ],
});
