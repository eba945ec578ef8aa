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
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { lockStep, unlockStep } from '../mm/step/steps.js';
import { fileVmas, vmaOf } from '../mm/vmas.js';

const R = 'mm/rmap.c';

/** The file of a page-cache frame (ModelError when it is not one). */
function fileOf(c: StepCtx): number {
  const fr = c.s.frames[c.n('page')]!;
  if (fr.kind !== 'file' || fr.file === null) return c.fail(`rmap_walk_file: frame ${c.n('page')} is not a page-cache page`);
  return fr.file;
}

const iMmap = (v: StepView): string => LockName.iMmap(v.l['file'] as number);

/** The vmas of `file` whose file window covers page index `index` (vma_interval_tree_foreach), in tree order. */
export function vmasMappingIndex(s: MmState, file: number, index: number): number[] {
  return fileVmas(s, file).filter((id) => {
    const v = vmaOf(s, id);
    return v.pgoff <= index && index < v.pgoff + (v.end - v.start);
  });
}

export const rmapWalkFile: Program = {
  name: 'rmap_walk_file',
  locals: (a) => ({
    page: a['page'] ?? null,
    one: a['one'] ?? null,
    arg: a['arg'] ?? 0,
    shared_only: a['shared_only'] ?? false,
    done_unmapped: a['done_unmapped'] ?? false,
    file: -1,
    i: 0,
  }),
  steps: [
    {
      label: 'page_mapping',
      at: `${R}:rmap_walk_file`,
      local: true,
      run: (c) => {
        // struct address_space *mapping = page_mapping(page);
        c.l['file'] = fileOf(c);
        return undefined;
      },
    },
    lockStep('i_mmap_lock_read', `${R}:rmap_walk_file`, iMmap, 'r'),
    {
      label: 'vma_interval_tree_foreach',
      at: `${R}:rmap_walk_file`,
      run: (c) => {
        const page = c.n('page');
        const fr = c.s.frames[page]!;
        if (c.l['done_unmapped'] === true && c.n('i') > 0 && fr.map === 0) return 'i_mmap_unlock_read'; // rwc->done(page)
        const vmas = vmasMappingIndex(c.s, c.n('file'), fr.index);
        while (c.n('i') < vmas.length) {
          const v = vmaOf(c.s, vmas[c.n('i')]!);
          c.l['i'] = c.n('i') + 1;
          if (c.l['shared_only'] === true && !v.flags.shared) continue; // invalid_mkclean_vma
          const address = v.start + (fr.index - v.pgoff); // vma_address(page, vma)
          return c.call(String(c.l['one']), { page, vma: v.id, address, arg: c.l['arg'] ?? 0 }, 'rmap_one_returned');
        }
        return 'i_mmap_unlock_read';
      },
    },
    {
      label: 'rmap_one_returned',
      at: `${R}:rmap_walk_file`,
      local: true,
      // if (!rwc->rmap_one(page, vma, address, rwc->arg)) goto done;
      run: (c) => (c.t.rv === false ? 'i_mmap_unlock_read' : 'vma_interval_tree_foreach'),
    },
    unlockStep('i_mmap_unlock_read', `${R}:rmap_walk_file`, iMmap, 'r', () => DONE),
  ],
};
