/**
 * range-pairing (step), per subscriber: an end callback goes only to a
 * subscriber whose start ran for that same range; at most one end per start;
 * a range is not started again while open, and not changed while open (the
 * end would then not carry the range the start saw). Ranges belong to the
 * thread that initialised them (MmState.Thread.ranges), so "same thread"
 * holds by construction. include/linux/mmu_notifier.h (v5.0): start and end
 * "must be paired". An ended range is removed from the state (Thread.ranges):
 * the step that ends it is judged on its ended form (changedRanges), and an
 * end dispatch entered for a range that has ended is a second end.
 */
import type { StepProperty } from '../src/engine/Property.js';
import type { MmState, NotifierRange } from '../model/mm/MmState.js';
import type { MmAction } from '../model/MmModel.js';
import { changedRanges, moverStep } from './view/moverStep.js';
import { isOpen, showRange } from './view/ranges.js';
import { where } from './view/where.js';
import { RANGES } from './view/stepParts.js';

const ENDS = new Set(['mmu_notifier_invalidate_range_end', 'mmu_notifier_invalidate_range_only_end']);

/** The range index of an end dispatch of `tid` that stands at its entry step on a range that is not live (it has ended), or undefined. */
function endOfEndedRange(next: MmState, tid: number): number | undefined {
  const t = next.threads[tid]!;
  for (const f of t.frames) {
    if (f.pc !== f.prog || !ENDS.has(f.prog)) continue; // the cheap test first: most frames stand past their entry
    const r = f.locals['r'];
    if (typeof r === 'number' && !t.ranges[r]) return r;
  }
  return undefined;
}

const sameRange = (a: NotifierRange, b: NotifierRange): boolean =>
  a.mm === b.mm && a.start === b.start && a.end === b.end && a.event === b.event && a.vma === b.vma;

export function rangePairing(): StepProperty<MmState, MmAction> {
  return moverStep(
    'range-pairing',
    'per subscriber: each end matches a start of the same range by the same thread; no end without start',
    (prev, next, tid) => {
      for (const [p, n] of changedRanges(prev, next, tid)) {
        const at = (mirror?: number) => where(prev, { mm: n.mm, addr: n.start, mirror, tid, site: n.site });
        if (p && isOpen(p) && !sameRange(p, n)) return `${at()}open range ${showRange(p)} changed to ${showRange(n)}: its end will not match its start`;
        const restarted = p && (p.phase === 'started' || p.phase === 'ending') && p.subs !== n.subs && n.phase !== 'ending' && n.phase !== 'ended';
        if (restarted) return `${at()}range ${showRange(n)} started again while open`;
        for (let j = 0; j < n.subs.length; j++) {
          const ps = p?.subs[j];
          const ns = n.subs[j]!;
          const ends = ps && ps.mirror === ns.mirror ? ps.ends : 0;
          if (ns.ends <= ends) continue;
          if (!ps || ps.mirror !== ns.mirror || ps.start === 'none')
            return `${at(ns.mirror)}invalidate_range_end without invalidate_range_start for range ${showRange(n)}`;
          if (ns.ends > 1) return `${at(ns.mirror)}invalidate_range_end called ${ns.ends} times for one start of range ${showRange(n)}`;
        }
      }
      const ended = endOfEndedRange(next, tid);
      if (ended !== undefined)
        return `${where(prev, { tid })}invalidate_range_end called again for range ${ended}, which has already ended (one end per start)`;
      return undefined;
    },
    // the mover's ranges changed, or a frame the step pushed or changed runs an end dispatch (a dispatch frame at its entry
    // step is the top frame: the dispatch calls from its later steps only, model/mm/notifier/dispatchPrograms.ts endProgram)
    RANGES,
    [...ENDS],
  );
}
