/**
 * thread-ends-closed (step): a thread that ends holds no open or started
 * range (a missing invalidate_range_end) and no lock.
 */
import type { StepProperty } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import type { MmAction } from '../model/MmModel.js';
import { moverStep } from './view/moverStep.js';
import { ENDED } from './view/stepParts.js';
import { isOpen, live, showRange } from './view/ranges.js';
import { where } from './view/where.js';

export function threadEndsClosed(): StepProperty<MmState, MmAction> {
  return moverStep(
    'thread-ends-closed',
    'a thread that ends holds no open range and no lock',
    (prev, next, tid) => {
      if (prev.threads[tid]!.frames.length === 0 || next.threads[tid]!.frames.length > 0) return undefined;
      const t = next.threads[tid]!;
      const open = t.ranges.filter(live).find(isOpen);
      if (open)
        return `${where(prev, { mm: open.mm, addr: open.start, tid, site: open.site })}thread ends with range ${showRange(open)} still ${open.phase} (no invalidate_range_end)`;
      if (t.held.length > 0) return `${where(prev, { tid })}thread ends holding ${t.held.join(', ')}`;
      return undefined;
    },
    ENDED, // the mover did not end: nothing to judge
  );
}
