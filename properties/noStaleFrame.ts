/**
 * no-stale-frame (invariant): no mirror entry maps a free frame, or a frame
 * freed and reallocated since the entry was made (its allocation generation
 * changed). Documentation/vm/mmu_notifier.rst case A: the device must not
 * write a page "now used by some completely different task".
 */
import type { Invariant } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import { firstBadEntry, frameStillOwned, showEntry } from './view/entries.js';
import { where } from './view/where.js';
import { MIRRORS, PAGES, readingParts } from './view/invariantParts.js';

export const NO_STALE_FRAME = 'no-stale-frame';

/**
 * The coherence properties that leave a mirror entry to a freed or reused
 * frame to this one (mirror-coherence.ts, tlbMirrorCoherence.ts:
 * "no-stale-frame's business"): such an entry maps no frame the CPU maps, so
 * its no-stale-frame violation is also one of its mirror's coherence property,
 * which the checker does not report twice. Triage of a single violation reads
 * it so (src/cli/triageViolation.ts): HMM's stale commit of a page that is
 * then freed is D1 or D2 (mirror-coherence) whichever of the two is reported.
 */
export const STALE_ENTRY_ALSO_BREAKS = ['mirror-coherence', 'tlb-mirror-coherence'] as const;

export function noStaleFrame(): Invariant<MmState> {
  return readingParts(MIRRORS | PAGES, {
    name: NO_STALE_FRAME,
    description: 'no mirror entry maps a free frame or one reused since the entry was made',
    kind: 'invariant',
    check: (s) =>
      firstBadEntry(
        s,
        () => true,
        (m, addr, e) => {
          if (frameStillOwned(s, e)) return undefined;
          const f = s.frames[e.frame];
          const now = !f ? 'no such frame' : f.kind === 'free' ? 'free' : `reallocated (gen ${f.gen})`;
          return `${where(s, { mm: s.mirrors[m]!.mm, addr, mirror: m })}mirror entry ${showEntry(e)} maps a frame that is ${now}`;
        },
      ),
  });
}
