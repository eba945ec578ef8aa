/**
 * vma-under-mmap-sem (step): a vma is created, freed, or has its bounds,
 * flags, offset or file changed, and an mm's vma list changes, only while
 * the changing thread holds that mm's mmap_sem for write
 * (mm/mmap.c: __vma_adjust, do_munmap, mprotect_fixup under down_write).
 * anon_vma assignment is exempt (anon_vma_prepare runs under the read lock
 * and page_table_lock), and so is a vma already detached from the mm's list:
 * mm/mmap.c:__do_munmap (v5.0) downgrades mmap_sem to read before
 * unmap_region and remove_vma_list free the detached vmas. So is a vma of
 * an mm exit_mmap tears down (Mm.tearingDown, set by the step that
 * munlocks): mm/mmap.c:exit_mmap (v5.0) munlocks and frees the vmas with no
 * lock held, mm_users being 0 (whoever walks the mm without a reference
 * breaks walk-holds-mm-users). Only the vmas and mms
 * the step changed are read (changedKeys).
 */
import type { StepProperty } from '../src/engine/Property.js';
import type { MmState, Vma } from '../model/mm/MmState.js';
import type { MmAction } from '../model/MmModel.js';
import { LockName } from '../model/mm/locks.js';
import { changedKeys } from '../model/mm/footprint/changedKeys.js';
import { sameElements } from '../model/mm/sameElements.js';
import { sameVmaFlags } from '../model/mm/sameVmaFlags.js';
import { holdsAround } from './view/held.js';
import { moverStep } from './view/moverStep.js';
import { MMS, VMAS } from './view/stepParts.js';
import { where } from './view/where.js';

const sameShape = (a: Vma, b: Vma): boolean =>
  a.mm === b.mm && a.start === b.start && a.end === b.end && a.live === b.live && a.pgoff === b.pgoff && a.file === b.file && sameVmaFlags(a.flags, b.flags);

export function vmaUnderMmapSem(): StepProperty<MmState, MmAction> {
  return moverStep(
    'vma-under-mmap-sem',
    'a VMA is added, removed or changed only under its mm mmap_sem held for write',
    (prev, next, tid) => {
      if (prev.vmas === next.vmas && prev.mms === next.mms) return undefined;
      const bad = (mm: number, what: string) => {
        if (holdsAround(prev, next, tid, LockName.mmapSem(mm))) return undefined;
        return `${where(prev, { mm, tid })}${what} without mmap_sem held for write`;
      };
      for (const i of changedKeys(prev.vmas, next.vmas)) {
        const p = prev.vmas[i];
        const n = next.vmas[i];
        if (!n || (p && sameShape(p, n))) continue;
        // A vma detached from the mm's list is private to the thread that detached it (munmap frees it after downgrade_write).
        if (p && !prev.mms[p.mm]!.vmas.includes(p.id)) continue;
        // exit_mmap's teardown (munlock, remove_vma): no lock, mm_users 0 (the mm is the exit's alone)
        if (p && next.mms[p.mm]!.tearingDown) continue;
        const m = bad(n.mm, p ? `vma ${n.id} changed` : `vma ${n.id} created`);
        if (m) return m;
      }
      for (const mm of changedKeys(prev.mms, next.mms)) {
        if (!prev.mms[mm] || !next.mms[mm] || prev.mms[mm].vmas === next.mms[mm].vmas) continue;
        if (sameElements(prev.mms[mm].vmas, next.mms[mm].vmas)) continue; // the same ids in order (a TLB fill copies the mm and its vma list)
        const m = bad(mm, 'vma list changed');
        if (m) return m;
      }
      return undefined;
    },
    VMAS | MMS, // no vma and no mm changed: nothing to judge
  );
}
