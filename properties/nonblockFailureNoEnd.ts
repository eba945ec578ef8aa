/**
 * nonblock-failure-no-end (step): after mmu_notifier_invalidate_range_start_nonblock
 * returned an error (range phase `failed`), its caller calls no end for that
 * range (mm/oom_kill.c:__oom_reap_task_mm v5.0: tlb_finish_mmu, ret = false,
 * continue -- no invalidate_range_end).
 */
import type { StepProperty } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import type { MmAction } from '../model/MmModel.js';
import { changedRanges, moverStep } from './view/moverStep.js';
import { RANGES } from './view/stepParts.js';
import { showRange } from './view/ranges.js';
import { where } from './view/where.js';

export function nonblockFailureNoEnd(): StepProperty<MmState, MmAction> {
  return moverStep(
    'nonblock-failure-no-end',
    'after a failed invalidate_range_start_nonblock the caller calls no end for that range',
    (prev, next, tid) => {
      for (const [p, n] of changedRanges(prev, next, tid)) {
        if (!p || p.phase !== 'failed') continue;
        const ended = n.phase === 'ending' || n.phase === 'ended' || n.subs.some((s, j) => s.ends > (p.subs[j]?.ends ?? 0));
        if (ended)
          return `${where(prev, { mm: p.mm, addr: p.start, tid, site: p.site })}invalidate_range_end after start_nonblock failed (err ${p.err}) for range ${showRange(p)}`;
      }
      return undefined;
    },
    RANGES, // the mover's ranges unchanged: changedRanges is empty
  );
}
