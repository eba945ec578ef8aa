/**
 * tlb-mirror-coherence (invariant): a mirror that relies on invalidate_range
 * alone (IOMMU/ATS/PASID secondary TLB) never maps another frame than the
 * CPU's (Documentation/vm/mmu_notifier.rst case B: the entry may not point to
 * a new page before the notify), and outside every covering range it agrees
 * with the CPU exactly (mm/mmu_notifier.c:__mmu_notifier_invalidate_range_end
 * calls invalidate_range before invalidate_range_end). Inside a covering
 * range it may still map a cleared or write-protected page that is not freed
 * (the doc lets that flush wait until end; no-stale-frame covers the free).
 * The one exception to "never another frame" is the doc's own: inside a
 * covering range, a read-only entry to an old page that is write-protected,
 * still referenced and has the content of the new read-only page
 * (view/identicalReadOnlyLag.ts; mm/ksm.c:replace_page relies on it). A lag
 * to a freed, reused, writable or different-content page is still caught.
 */
import type { Invariant } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import { translate } from '../model/mm/pageTable.js';
import { firstBadEntry, frameStillOwned, showEntry } from './view/entries.js';
import { identicalReadOnlyLag } from './view/identicalReadOnlyLag.js';
import { type KindTable, isTlbMirror } from './view/mirrorKinds.js';
import { inflightCovering } from './view/ranges.js';
import { showTranslation } from './view/translationChanges.js';
import { where } from './view/where.js';
import { MIRRORS, MMS, PAGES, RANGES, TABLES, readingParts } from './view/invariantParts.js';

export function tlbMirrorCoherence(kinds: KindTable): Invariant<MmState> {
  return readingParts(MIRRORS | PAGES | MMS | TABLES | RANGES, {
    name: 'tlb-mirror-coherence',
    description:
      'a TLB mirror entry never maps another frame than the CPU (but a write-protected, live, same-content old page inside a covering range), and lags the CPU only inside a covering range',
    kind: 'invariant',
    check: (s) =>
      firstBadEntry(
        s,
        (ms) => isTlbMirror(kinds, ms),
        (m, addr, e) => {
          if (!frameStillOwned(s, e)) return undefined; // no-stale-frame's business
          const mm = s.mirrors[m]!.mm;
          const tr = translate(s, mm, addr);
          const at = (): string => where(s, { mm, addr, mirror: m }); // only on a violation
          if (tr !== null && tr.frame !== e.frame && !identicalReadOnlyLag(s, mm, addr, e, tr)) {
            return `${at()}secondary TLB maps ${showEntry(e)} while the CPU already maps ${showTranslation(tr)} (new page set before invalidate_range)`;
          }
          if (inflightCovering(s, mm, addr)) return undefined;
          if (tr === null) return `${at()}secondary TLB still maps ${showEntry(e)} after every covering range ended; the CPU maps none`;
          if (e.write && !tr.write) return `${at()}secondary TLB entry is writable after every covering range ended; the CPU entry is read-only`;
          return undefined;
        },
      ),
  });
}
