/**
 * mirror-coherence (invariant): every entry of a start/end mirror maps the
 * frame the CPU page table maps at that address; it is writable only where
 * the CPU entry is, except while a range covering the address is in flight
 * (a write permission may lag until the end that resynchronises it).
 * include/linux/mmu_notifier.h (v5.0) struct mmu_notifier_ops: start runs
 * "when all pages in the range are still mapped", and "the establishment of
 * sptes is forbidden" until the matching end.
 */
import type { Invariant } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import { translate } from '../model/mm/pageTable.js';
import { firstBadEntry, frameStillOwned, showEntry } from './view/entries.js';
import { type KindTable, isTlbMirror } from './view/mirrorKinds.js';
import { inflightCovering } from './view/ranges.js';
import { cpuLeaf, showTranslation } from './view/translationChanges.js';
import { where } from './view/where.js';
import { MIRRORS, MMS, PAGES, RANGES, TABLES, readingParts } from './view/invariantParts.js';

export function mirrorCoherence(kinds: KindTable): Invariant<MmState> {
  return readingParts(MIRRORS | PAGES | MMS | TABLES | RANGES, {
    name: 'mirror-coherence',
    description: 'every start/end-mirror entry maps the CPU frame, writable only where the CPU is (or inside a covering range)',
    kind: 'invariant',
    check: (s) =>
      firstBadEntry(
        s,
        (ms) => !isTlbMirror(kinds, ms),
        (m, addr, e) => {
          if (!frameStillOwned(s, e)) return undefined; // no-stale-frame's business
          const mm = s.mirrors[m]!.mm;
          const tr = cpuLeaf(s, mm, addr); // translate()'s frame and write, nothing allocated
          // the message prefix only on a violation: building it per entry was most of this invariant's time
          if (tr === null || tr.frame !== e.frame)
            return `${where(s, { mm, addr, mirror: m })}mirror entry ${showEntry(e)} but the CPU maps ${showTranslation(translate(s, mm, addr))}`;
          if (e.write && !tr.write && !inflightCovering(s, mm, addr)) {
            return `${where(s, { mm, addr, mirror: m })}mirror entry is writable but the CPU entry is read-only and no invalidation covers it`;
          }
          return undefined;
        },
      ),
  });
}
