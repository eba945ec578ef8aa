/** Mirror entries (model/mirrors/MirrorKind.ts: one slot per page of the mirror's mm). */
import type { MirrorEntry } from '../../model/mirrors/MirrorKind.js';
import type { MirrorState, MmState } from '../../model/mm/MmState.js';

export function entriesOf(m: MirrorState): readonly (MirrorEntry | null)[] {
  return (m as unknown as { entries: readonly (MirrorEntry | null)[] }).entries;
}

/** The frame is allocated and has not been freed and reallocated since the entry recorded its generation. */
export function frameStillOwned(s: MmState, e: MirrorEntry): boolean {
  const f = s.frames[e.frame];
  return f !== undefined && f.kind !== 'free' && f.gen === e.gen;
}

/** The first verdict `bad` gives for an entry of a mirror `pick` selects (mirror index, address, entry). */
export function firstBadEntry(
  s: MmState,
  pick: (m: MirrorState) => boolean,
  bad: (m: number, addr: number, e: MirrorEntry) => string | undefined,
): string | undefined {
  for (let m = 0; m < s.mirrors.length; m++) {
    const ms = s.mirrors[m]!;
    if (!pick(ms)) continue;
    const es = entriesOf(ms);
    for (let addr = 0; addr < es.length; addr++) {
      const e = es[addr];
      const v = e ? bad(m, addr, e) : undefined;
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

export const showEntry = (e: MirrorEntry): string => `frame ${e.frame} gen ${e.gen} ${e.write ? 'rw' : 'ro'}`;
