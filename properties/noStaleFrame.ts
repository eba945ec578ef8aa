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

export function noStaleFrame(): Invariant<MmState> {
  return readingParts(MIRRORS | PAGES, {
    name: 'no-stale-frame',
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
