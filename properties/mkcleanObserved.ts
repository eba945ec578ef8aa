/**
 * mkclean-observed (step): when a step makes a present CPU entry clean
 * (pte_mkclean: the same frame stays mapped, the dirty bit goes), no
 * start/end mirror may still hold a writable entry for that address. The
 * kernel is about to treat the page as clean: mm/madvise.c:
 * madvise_free_pte_range clears PageDirty and the PTE's dirty bit, and
 * reclaim then discards a clean lazyfree page (mm/rmap.c:try_to_unmap_one,
 * "MADV_FREE page check"); page_mkclean and KSM's write_protect_page clean
 * before writeback or merging. A mirror entry made before the clean and kept
 * across it writes the page without dirtying anything the kernel looks at,
 * so the write can be dropped as clean. A start/end mirror sees the clean
 * only through the range around it: it must have dropped (and, if written,
 * dirtied) its writable entry at start. TLB mirrors (invalidate_range only)
 * are exempt, like the CPU TLB: the flush that follows the clean covers them.
 */
import type { StepProperty } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import type { MmAction } from '../model/MmModel.js';
import { pages } from '../model/mm/Geometry.js';
import { entriesOf, showEntry } from './view/entries.js';
import { type KindTable, isTlbMirror } from './view/mirrorKinds.js';
import { moverStep } from './view/moverStep.js';
import { TABLES } from './view/stepParts.js';
import { cpuLeaf } from './view/translationChanges.js';
import { where } from './view/where.js';

export function mkcleanObserved(kinds: KindTable): StepProperty<MmState, MmAction> {
  return moverStep(
    'mkclean-observed',
    'when a CPU entry is made clean (same frame), no start/end mirror still holds a writable entry there',
    (prev, next, tid) => {
      if (prev.pteTables === next.pteTables && prev.pmdTables === next.pmdTables) return undefined;
      const n = pages(prev.cfg.geometry);
      for (let m = 0; m < next.mirrors.length; m++) {
        const ms = next.mirrors[m]!;
        if (isTlbMirror(kinds, ms)) continue;
        // the CPU side first: a mirror entry is read only where the CPU entry was made clean (what the property reads is part of the step's footprint under --por)
        for (let addr = 0; addr < n; addr++) {
          // the leaves translate() reads (no translation allocated); the same object before and after is not a clean
          const b = cpuLeaf(prev, ms.mm, addr);
          const a = cpuLeaf(next, ms.mm, addr);
          if (b === a || b === null || a === null || !b.dirty || a.dirty || a.frame !== b.frame) continue;
          const e = entriesOf(ms)[addr];
          if (!e || !e.write || a.frame !== e.frame) continue;
          return (
            `${where(prev, { mm: ms.mm, addr, mirror: m, tid })}the CPU entry of frame ${a.frame} was made clean ` +
            `while mirror entry ${showEntry(e)} can still write it (its writes would not dirty the page)`
          );
        }
      }
      return undefined;
    },
    TABLES, // no page table changed: nothing was made clean
  );
}
