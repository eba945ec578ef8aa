/**
 * Notifier ranges as the properties see them (MmState.Thread.ranges: the
 * live ranges, an ended range is removed). A
 * range is *open* from the first step of its start dispatch until its end
 * dispatch completes (phases starting, started, ending); *started* when the
 * start dispatch returned success (phase started: every subscriber's start
 * ran and the end has not begun).
 */
import type { MmState, NotifierRange, Thread } from '../../model/mm/MmState.js';

/** A thread's live ranges (Thread.ranges: an ended range leaves a null hole). */
export const live = (r: NotifierRange | null): r is NotifierRange => r !== null;

export const isOpen = (r: NotifierRange): boolean => r.phase === 'starting' || r.phase === 'started' || r.phase === 'ending';
export const isStarted = (r: NotifierRange): boolean => r.phase === 'started';
export const covers = (r: NotifierRange, mm: number, addr: number): boolean => r.mm === mm && r.start <= addr && addr < r.end;

/** Some thread has an open range on `mm` covering `addr`. */
export function inflightCovering(s: MmState, mm: number, addr: number): boolean {
  return s.threads.some((t) => t.ranges.some((r) => r !== null && isOpen(r) && covers(r, mm, addr)));
}

/** Some thread has an open range on `mm`. */
export function inflightOn(s: MmState, mm: number): boolean {
  return s.threads.some((t) => t.ranges.some((r) => r !== null && isOpen(r) && r.mm === mm));
}

/** The started ranges of `t` on `mm` covering `addr`. */
export function startedCovering(t: Thread, mm: number, addr: number): NotifierRange[] {
  return t.ranges.filter(live).filter((r) => isStarted(r) && covers(r, mm, addr));
}

/** `[start,end) event vma` of a range, for messages. */
export function showRange(r: NotifierRange): string {
  return `[${r.start},${r.end}) ${r.event} vma=${r.vma ?? 'NULL'}`;
}
