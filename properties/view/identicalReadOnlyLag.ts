/**
 * The one case where a secondary TLB may keep the old page after the CPU
 * maps a new one (Documentation/vm/mmu_notifier.rst, v5.0): "When changing
 * a pte to write protect or to point to a new write protected page with
 * same content (KSM) it is fine to delay the mmu_notifier_invalidate_range
 * call to mmu_notifier_invalidate_range_end() outside the page table lock."
 * mm/ksm.c:replace_page relies on it (ptep_clear_flush, not the _notify
 * variant: "No need to notify as we are replacing a read only page with
 * another read only page with the same content").
 *
 * As a state: inside an invalidation in flight over the address, the TLB
 * mirror's entry maps the old page and the CPU the new one, where
 *  - the CPU maps the new page read-only;
 *  - the old page is write-protected: the entry is read-only, and no CPU
 *    PTE of any mm nor any mirror entry maps it writable;
 *  - the old page has the new one's content (equal write versions: the
 *    model's content, which pages_identical compares);
 *  - the old page is still referenced (allocated, the generation the entry
 *    recorded: not freed, not reused).
 * A device read through the entry then reads identical, live memory, and
 * nothing can write either page before the end flushes the entry. Nothing
 * here names a site: any path that leaves this state is allowed, any other
 * lag is not.
 */
import type { MirrorEntry } from '../../model/mirrors/MirrorKind.js';
import { pages } from '../../model/mm/Geometry.js';
import type { MmState } from '../../model/mm/MmState.js';
import { translate } from '../../model/mm/pageTable.js';
import { entriesOf, frameStillOwned } from './entries.js';
import { inflightCovering } from './ranges.js';

/** Some CPU PTE (any mm) or mirror entry maps `frame` writable. */
export function mappedWritable(s: MmState, frame: number): boolean {
  const n = pages(s.cfg.geometry);
  for (let mm = 0; mm < s.mms.length; mm++) {
    for (let a = 0; a < n; a++) {
      const t = translate(s, mm, a);
      if (t !== null && t.frame === frame && t.write) return true;
    }
  }
  return s.mirrors.some((ms) => entriesOf(ms).some((x) => x !== null && x.frame === frame && x.write));
}

/** Entry `e` of a TLB mirror of `mm` at `addr` maps the old page in the allowed window while the CPU maps `cpu` (see above). */
export function identicalReadOnlyLag(s: MmState, mm: number, addr: number, e: MirrorEntry, cpu: { frame: number; write: boolean }): boolean {
  if (!inflightCovering(s, mm, addr) || cpu.write || e.write || !frameStillOwned(s, e)) return false;
  const old = s.frames[e.frame]!;
  const now = s.frames[cpu.frame];
  return now !== undefined && now.kind !== 'free' && old.ver === now.ver && !mappedWritable(s, e.frame);
}
