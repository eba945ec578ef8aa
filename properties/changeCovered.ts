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
import { moverOf } from './view/mover.js';
import { startedCovering } from './view/ranges.js';
import { isRemoval, showTranslation, translationChanges } from './view/translationChanges.js';
import { where } from './view/where.js';

export function changeCovered(): StepProperty<MmState, unknown> {
  return {
    name: 'change-covered',
    description: 'every removal/downgrade of a CPU translation happens inside a started range of the changing thread on that mm',
    kind: 'step',
    check(prev, action, next) {
      const changes = translationChanges(prev, next).filter(isRemoval);
      if (changes.length === 0) return undefined;
      const tid = moverOf(prev, action, next);
      for (const c of changes) {
        const at = where(prev, { mm: c.mm, addr: c.addr, tid });
        const what = `${showTranslation(c.before)} -> ${showTranslation(c.after)}`;
        if (tid === undefined) return `${at}translation changed (${what}) by no identifiable thread`;
        const before = startedCovering(prev.threads[tid]!, c.mm, c.addr);
        const after = new Set(startedCovering(next.threads[tid]!, c.mm, c.addr).map((r) => `${r.site}:${r.start}:${r.end}`));
        if (!before.some((r) => after.has(`${r.site}:${r.start}:${r.end}`))) {
          return `${at}translation changed (${what}) outside any started notifier range of this thread containing the address`;
        }
      }
      return undefined;
    },
  };
}
