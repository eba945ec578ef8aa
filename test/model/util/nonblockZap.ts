/**
 * A test operation with a non-blocking start, shaped like
 * mm/oom_kill.c:__oom_reap_task_mm for one vma: init, tlb_gather_mmu,
 * start_nonblock; on failure tlb_finish_mmu and no end; else unmap, end,
 * tlb_finish_mmu. Its site id is `test` (give it in the thread's `sites`).
 */
import { rangeInit } from '../../../model/mm/notifier/rangeInit.js';
import type { Program } from '../../../model/mm/step/Program.js';
import { DONE } from '../../../model/mm/step/Program.js';
import { tlbGatherMmu } from '../../../model/mm/tlb.js';
import { vmaOf } from '../../../model/mm/vmas.js';

const O = 'mm/oom_kill.c:__oom_reap_task_mm';

export const nonblockZap: Program = {
  name: 'test_nonblock_zap',
  locals: (a) => ({ vma: a['vma'] ?? null, range: -1, start: 0, end: 0, ret: 0 }),
  steps: [
    {
      label: 'mmu_notifier_range_init',
      at: O,
      run: (c) => {
        const v = vmaOf(c.s, c.n('vma'));
        c.l['start'] = v.start;
        c.l['end'] = v.end;
        c.l['range'] = rangeInit(c, 'test', v.mm, v.start, v.end);
        tlbGatherMmu(c.s, c.t, v.mm);
        return c.call('mmu_notifier_invalidate_range_start_nonblock', { r: c.n('range') }, 'started');
      },
    },
    {
      label: 'started',
      at: O,
      local: true,
      run: (c) => {
        c.l['ret'] = c.t.rv;
        if (c.n('ret') !== 0) return c.call('tlb_finish_mmu', { start: c.n('start'), end: c.n('end') }, 'return');
        return c.call('unmap_single_vma', { vma: c.n('vma'), start: c.n('start'), end: c.n('end') }, 'end');
      },
    },
    { label: 'end', at: O, local: true, run: (c) => c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'finish') },
    { label: 'finish', at: O, local: true, run: (c) => c.call('tlb_finish_mmu', { start: c.n('start'), end: c.n('end') }, 'return') },
    {
      label: 'return',
      at: O,
      local: true,
      run: (c) => {
        c.ret(c.n('ret'));
        return DONE;
      },
    },
  ],
};
