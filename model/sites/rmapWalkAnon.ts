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
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { lockStep, unlockStep } from '../mm/step/steps.js';
import { vmaOf } from '../mm/vmas.js';

const R = 'mm/rmap.c';
const anonVmaLock = (v: StepView): string => LockName.anonVma(v.l['anon_vma'] as number);

/** anon_vma_interval_tree_foreach: live vmas of anon_vma `av` whose window [pgoff, pgoff + pages) holds `index`, by id. */
export function anonVmasMappingIndex(s: MmState, av: number, index: number): number[] {
  return s.vmas.filter((v) => v.live && v.anonVma === av && v.pgoff <= index && index < v.pgoff + (v.end - v.start)).map((v) => v.id);
}

export const rmapWalkAnon: Program = {
  name: 'rmap_walk_anon',
  locals: (a) => ({
    page: a['page'] ?? null,
    index: a['index'] ?? null,
    anon_vma: a['anon_vma'] ?? null,
    one: a['one'] ?? null,
    arg: a['arg'] ?? 0,
    done_unmapped: a['done_unmapped'] ?? false,
    i: 0,
  }),
  steps: [
    lockStep('anon_vma_lock_read', `${R}:rmap_walk_anon_lock`, anonVmaLock, 'r'),
    {
      label: 'anon_vma_interval_tree_foreach',
      at: `${R}:rmap_walk_anon`,
      run: (c) => {
        const page = c.n('page');
        if (c.l['done_unmapped'] === true && c.n('i') > 0 && c.s.frames[page]!.map === 0) return 'anon_vma_unlock_read'; // rwc->done(page)
        const vmas = anonVmasMappingIndex(c.s, c.n('anon_vma'), c.n('index'));
        if (c.n('i') >= vmas.length) return 'anon_vma_unlock_read';
        const v = vmaOf(c.s, vmas[c.n('i')]!);
        c.l['i'] = c.n('i') + 1;
        const address = v.start + (c.n('index') - v.pgoff); // vma_address(page, vma)
        return c.call(String(c.l['one']), { page, vma: v.id, address, arg: c.l['arg'] ?? 0 }, 'rmap_one_returned');
      },
    },
    {
      label: 'rmap_one_returned',
      at: `${R}:rmap_walk_anon`,
      local: true,
      // if (!rwc->rmap_one(page, vma, address, rwc->arg)) break;
      run: (c) => (c.t.rv === false ? 'anon_vma_unlock_read' : 'anon_vma_interval_tree_foreach'),
    },
    unlockStep('anon_vma_unlock_read', `${R}:rmap_walk_anon`, anonVmaLock, 'r', () => DONE),
  ],
};
