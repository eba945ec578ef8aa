/**
 * event-promise (step): a change of a CPU translation made inside the
 * changing thread's started ranges keeps the promise of their event
 * (include/linux/mmu_notifier.h v5.2, enum mmu_notifier_event):
 * PROTECTION_VMA, PROTECTION_PAGE and SOFT_DIRTY never change the frame nor
 * unmap ("still same page"); under PROTECTION_VMA the new permission is the
 * vma's ("using the vma access permission ... is enough"), so a writable
 * entry needs VM_WRITE. An enclosing or nested UNMAP/CLEAR range covering
 * the address licenses any change (e.g. the PMD split inside change_pmd_range).
 */
import type { StepProperty } from '../src/engine/Property.js';
import type { MmState, NotifierRange } from '../model/mm/MmState.js';
import type { MmAction } from '../model/MmModel.js';
import { moverStep } from './view/moverStep.js';
import { MMS, TABLES } from './view/stepParts.js';
import { startedCovering } from './view/ranges.js';
import { showTranslation, translationChanges } from './view/translationChanges.js';
import { where } from './view/where.js';

const PROTECTION = new Set(['PROTECTION_VMA', 'PROTECTION_PAGE', 'SOFT_DIRTY']);
/** The event without its `MMU_NOTIFY_` prefix. */
const ev = (r: NotifierRange): string => String(r.event).replace(/^MMU_NOTIFY_/, '');

function vmaAt(s: MmState, r: NotifierRange, mm: number, addr: number) {
  if (r.vma !== null) return s.vmas[r.vma];
  return s.mms[mm]!.vmas.map((id) => s.vmas[id]!).find((v) => v.start <= addr && addr < v.end);
}

export function eventPromise(): StepProperty<MmState, MmAction> {
  return moverStep(
    'event-promise',
    'a change inside a PROTECTION_VMA/PROTECTION_PAGE/SOFT_DIRTY range keeps the frame, stays mapped, and keeps within the vma permission',
    (prev, next, tid) => {
      const changes = translationChanges(prev, next);
      if (changes.length === 0) return undefined;
      for (const c of changes) {
        if (c.before === null) continue;
        const rs = startedCovering(prev.threads[tid]!, c.mm, c.addr);
        if (rs.length === 0 || rs.some((r) => !PROTECTION.has(ev(r)))) continue;
        const r = rs[rs.length - 1]!;
        const at = `${where(prev, { mm: c.mm, addr: c.addr, tid, site: r.site })}${r.event} range `;
        const what = `${showTranslation(c.before)} -> ${showTranslation(c.after)}`;
        if (c.after === null) return `${at}unmaps the page (${what})`;
        if (c.after.frame !== c.before.frame) return `${at}changes the frame (${what})`;
        if (ev(r) === 'PROTECTION_VMA' && c.after.write && !vmaAt(next, r, c.mm, c.addr)?.flags.write) {
          return `${at}makes the page writable beyond the vma permission (${what})`;
        }
      }
      return undefined;
    },
    TABLES | MMS, // no table and no mm changed: translationChanges is empty
  );
}
