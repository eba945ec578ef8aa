/**
 * mm/rmap.c:rmap_walk_file (v5.0) as a subroutine: the reverse-map walk of a
 * page-cache page, used by try_to_unmap (#28) and page_mkclean (#27).
 *
 *   VM_BUG_ON_PAGE(!PageLocked(page), page);
 *   if (!mapping) return;
 *   pgoff_start = page_to_pgoff(page); pgoff_end = pgoff_start + hpage_nr_pages(page) - 1;
 *   if (!locked) i_mmap_lock_read(mapping);
 *   vma_interval_tree_foreach(vma, &mapping->i_mmap, pgoff_start, pgoff_end) {
 *       unsigned long address = vma_address(page, vma);
 *       if (rwc->invalid_vma && rwc->invalid_vma(vma, rwc->arg)) continue;
 *       if (!rwc->rmap_one(page, vma, address, rwc->arg)) goto done;
 *       if (rwc->done && rwc->done(page)) goto done;
 *   }
 * done:
 *   if (!locked) i_mmap_unlock_read(mapping);
 *
 * Arguments: `page` (frame), `one` (the rmap_one program, called with
 * {page, vma, address, arg}; rv false stops the walk), `arg` (passed on),
 * `shared_only` (invalid_mkclean_vma: skip vmas without VM_SHARED),
 * `done_unmapped` (page_mapcount_is_zero: stop once the page is unmapped).
 */
import { LockName } from '../mm/locks.js';
import type { MmState } from '../mm/MmState.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { fileVmas, vmaOf } from '../mm/vmas.js';

/** The arguments of rmap_walk_file (and rmap_walk_anon's common part): the page and the struct rmap_walk_control. */
export interface RmapWalkArgs {
  readonly page: number;
  /** rwc->rmap_one: the callback program's name (called with {page, vma, address, arg}) */
  readonly one: string;
  /** rwc->arg (passed on; 0 when none) */
  readonly arg?: number;
  /** rwc->invalid_vma = invalid_mkclean_vma: skip vmas without VM_SHARED */
  readonly shared_only?: boolean;
  /** rwc->done = page_mapcount_is_zero */
  readonly done_unmapped?: boolean;
}

const locals = (a: RmapWalkArgs) => ({
  page: a.page,
  one: a.one,
  arg: a.arg ?? 0,
  shared_only: a.shared_only ?? false,
  done_unmapped: a.done_unmapped ?? false,
  /** page_mapping(page): the file */
  file: -1,
  /** the next vma of the tree walk */
  i: 0,
});
type L = ReturnType<typeof locals>;

/** The file of a page-cache frame (ModelError when it is not one). */
function fileOf(c: Ctx<L>): number {
  const fr = c.s.frames[c.l.page]!;
  if (fr.kind !== 'file' || fr.file === null) return c.fail(`rmap_walk_file: frame ${c.l.page} is not a page-cache page`);
  return fr.file;
}

const iMmap = (v: View<L>): string => LockName.iMmap(v.l.file);

/** The vmas of `file` whose file window covers page index `index` (vma_interval_tree_foreach), in tree order. */
export function vmasMappingIndex(s: MmState, file: number, index: number): number[] {
  return fileVmas(s, file).filter((id) => {
    const v = vmaOf(s, id);
    return v.pgoff <= index && index < v.pgoff + (v.end - v.start);
  });
}

export const rmapWalkFile = defineProgram({
  name: 'rmap_walk_file',
  file: 'mm/rmap.c',
  params: ['page', 'one'],
  locals,
  steps: ($) => [
    $.step('page_mapping', {
      local: true,
      run: (c) => {
        // struct address_space *mapping = page_mapping(page);
        c.l.file = fileOf(c);
        return undefined;
      },
    }),
    $.lock('i_mmap_lock_read', iMmap, { mode: 'r' }),
    $.step('vma_interval_tree_foreach', (c) => {
      const page = c.l.page;
      const fr = c.s.frames[page]!;
      if (c.l.done_unmapped && c.l.i > 0 && fr.map === 0) return 'i_mmap_unlock_read'; // rwc->done(page)
      const vmas = vmasMappingIndex(c.s, c.l.file, fr.index);
      while (c.l.i < vmas.length) {
        const v = vmaOf(c.s, vmas[c.l.i]!);
        c.l.i += 1;
        if (c.l.shared_only && !v.flags.shared) continue; // invalid_mkclean_vma
        const address = v.start + (fr.index - v.pgoff); // vma_address(page, vma)
        // rwc->rmap_one(page, vma, address, rwc->arg): a function pointer
        return c.callByName(c.l.one, { page, vma: v.id, address, arg: c.l.arg }, 'rmap_one_returned');
      }
      return 'i_mmap_unlock_read';
    }),
    $.step('rmap_one_returned', {
      local: true,
      // if (!rwc->rmap_one(page, vma, address, rwc->arg)) goto done;
      run: (c) => (c.t.rv === false ? 'i_mmap_unlock_read' : 'vma_interval_tree_foreach'),
    }),
    $.unlock('i_mmap_unlock_read', iMmap, { mode: 'r', then: () => DONE }),
  ],
});
