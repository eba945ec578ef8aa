/**
 * cpu-tlb-no-stale-frame (invariant): no CPU TLB entry maps a frame that was
 * freed, or freed and reallocated, since the entry was filled. The primary
 * MMU's own contract, which the mmu_gather order keeps: clear the PTE,
 * flush the TLB, then free the page (mm/memory.c: tlb_flush_mmu_tlbonly
 * before tlb_flush_mmu_free; arch_tlb_finish_mmu). A stale TLB entry to a
 * page still allocated is allowed until the flush.
 */
import type { Invariant } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import { frameStillOwned, showEntry } from './view/entries.js';
import { where } from './view/where.js';
import { MMS, PAGES, readingParts } from './view/invariantParts.js';

export function cpuTlbNoStaleFrame(): Invariant<MmState> {
  return readingParts(MMS | PAGES, {
    name: 'cpu-tlb-no-stale-frame',
    description: 'no CPU TLB entry maps a frame freed or reused since it was filled (flush before free)',
    kind: 'invariant',
    check(s) {
      for (let mm = 0; mm < s.mms.length; mm++) {
        const tlb = s.mms[mm]!.tlb;
        for (let addr = 0; addr < tlb.length; addr++) {
          const e = tlb[addr];
          if (e && !frameStillOwned(s, e)) return `${where(s, { mm, addr })}CPU TLB entry ${showEntry(e)} maps a freed or reused frame`;
        }
      }
      return undefined;
    },
  });
}
