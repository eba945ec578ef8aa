/**
 * change-covered (step): every removal or downgrade of a CPU translation
 * (clear, frame change, write-protect, PMD split/collapse, table unshare) is
 * made by a thread that has a started, not yet ending range on that mm
 * containing the address, before and after the step. The start callbacks
 * must see the page "still mapped" (include/linux/mmu_notifier.h v5.0) and
 * no end may precede the change.
 */
import type { StepProperty } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import type { MmAction } from '../model/MmModel.js';
import { moverStep } from './view/moverStep.js';
import { MMS, TABLES } from './view/stepParts.js';
import { startedCovering } from './view/ranges.js';
import { isRemoval, showTranslation, translationChanges } from './view/translationChanges.js';
import { where } from './view/where.js';

export function changeCovered(): StepProperty<MmState, MmAction> {
  return moverStep(
    'change-covered',
    'every removal/downgrade of a CPU translation happens inside a started range of the changing thread on that mm',
    (prev, next, tid) => {
      const changes = translationChanges(prev, next);
      if (changes.length === 0) return undefined;
      for (const c of changes) {
        if (!isRemoval(c)) continue;
        // messages only on a violation (they used to be built for every removal)
        const what = (): string =>
          `${where(prev, { mm: c.mm, addr: c.addr, tid })}translation changed (${showTranslation(c.before)} -> ${showTranslation(c.after)})`;
        const before = startedCovering(prev.threads[tid]!, c.mm, c.addr);
        const after = before.length === 0 ? before : startedCovering(next.threads[tid]!, c.mm, c.addr);
        // A range of before counts when after has one of the same site, start and end: the `${site}:${start}:${end}`
        // key this compared before, field by field (start and end are integer page numbers, so equal keys are equal fields).
        if (!before.some((r) => after.some((q) => q.site === r.site && q.start === r.start && q.end === r.end))) {
          return `${what()} outside any started notifier range of this thread containing the address`;
        }
      }
      return undefined;
    },
    TABLES | MMS, // no table and no mm changed: translationChanges is empty
  );
}
