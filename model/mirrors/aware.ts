/**
 * The event-aware mirror: none was merged in v5.2; this is the series'
 * intent (include/linux/mmu_notifier.h v5.2 event docs and
 * mmu_notifier_range_update_to_read_only). KVM-style count/seq and a
 * retrying fault, but invalidate_range_start uses the range's event and vma:
 *  - UNMAP, CLEAR: drop the entries in [range ∩ vma] (NULL vma: the whole range);
 *  - PROTECTION_VMA: update_to_read_only (vma set, vma still VM_READ) ->
 *    downgrade those entries to read-only, else drop them;
 *  - PROTECTION_PAGE: downgrade to read-only at start, re-read the CPU page
 *    table at end (entry = the CPU translation, or dropped);
 *  - SOFT_DIRTY: keep the entries.
 * So a wrong event or vma leaves a visibly stale entry.
 */
import type { MmState, NotifierRange } from '../mm/MmState.js';
import { rangeOf } from '../mm/notifier/rangeInit.js';
import { translate } from '../mm/pageTable.js';
import { DONE, defineProgram } from '../mm/step/defineProgram.js';
import { LockName } from '../mm/locks.js';
import { RANGE_PARAMS, rangeLocals } from './callbackArgs.js';
import type { MirrorEntry, MirrorKind } from './MirrorKind.js';
import { mirrorLock } from './mirrorLock.js';
import { mirrorState } from './mirrorState.js';
import { retryFault, type SeqMirror } from './retryFault.js';
import { releaseProgram } from './releaseProgram.js';

export type AwareState = SeqMirror & {
  readonly kind: 'aware';
};

const A = 'event-aware mirror (series intent)';
const lock = mirrorLock('mmu_lock');
const aware = mirrorState<AwareState>('aware');

/** include/linux/mmu_notifier.h (v5.2):mmu_notifier_range_update_to_read_only */
export function updateToReadOnly(s: MmState, r: NotifierRange): boolean {
  if (r.vma === null || r.event !== 'MMU_NOTIFY_PROTECTION_VMA') return false;
  return s.vmas[r.vma]?.flags.read === true;
}

/** [range ∩ vma]: the part of the range the vma says is affected (NULL vma: the whole range). */
export function affected(s: MmState, r: NotifierRange): [number, number] {
  if (r.vma === null) return [r.start, r.end];
  const v = s.vmas[r.vma];
  if (!v) return [r.start, r.end];
  return [Math.max(r.start, v.start), Math.min(r.end, v.end)];
}

function update(s: MmState, m: number, [a, b]: [number, number], f: (e: MirrorEntry, addr: number) => MirrorEntry | null): void {
  const entries = aware.draft(s, m).entries;
  for (let x = Math.max(0, a); x < Math.min(b, entries.length); x++) {
    const e = entries[x];
    if (e) entries[x] = f(e, x);
  }
}

const readOnly = (e: MirrorEntry): MirrorEntry => (e.write ? { ...e, write: false } : e);

const start = defineProgram({
  name: 'aware.invalidate_range_start',
  file: A,
  params: RANGE_PARAMS,
  locals: rangeLocals,
  steps: ($) => [
    $.section(
      'invalidate_range_start',
      lock,
      (c) => {
        const m = c.l.m;
        const r = rangeOf(c, c.l.r);
        aware.draft(c.s, m).count += 1;
        const span = affected(c.s, r);
        if (r.event === 'MMU_NOTIFY_SOFT_DIRTY') {
          // same page, same access flags: keep the entries
        } else if (r.event === 'MMU_NOTIFY_PROTECTION_PAGE' || updateToReadOnly(c.s, r)) {
          update(c.s, m, span, readOnly);
        } else {
          update(c.s, m, span, () => null);
        }
        c.ret(0);
        return DONE;
      },
      { at: 'invalidate_range_start' },
    ),
  ],
});

const end = defineProgram({
  name: 'aware.invalidate_range_end',
  file: A,
  params: RANGE_PARAMS,
  locals: rangeLocals,
  steps: ($) => [
    $.section(
      'invalidate_range_end',
      lock,
      (c) => {
        const m = c.l.m;
        const r = rangeOf(c, c.l.r);
        const k = aware.draft(c.s, m);
        k.seq += 1;
        k.count -= 1;
        if (r.event === 'MMU_NOTIFY_PROTECTION_PAGE') {
          // the user must inspect the CPU page table: re-read it for the entries kept
          update(c.s, m, affected(c.s, r), (_e, x) => {
            const t = translate(c.s, k.mm, x);
            return t === null ? null : { frame: t.frame, gen: c.s.frames[t.frame]!.gen, write: t.write };
          });
        }
        c.ret(0);
        return DONE;
      },
      { at: 'invalidate_range_end' },
    ),
  ],
});

export const awareMirror: MirrorKind = {
  kind: 'aware',
  description: 'an event-aware mirror: drops, downgrades or keeps entries by the range event and vma (the series intent)',
  source: 'include/linux/mmu_notifier.h (v5.2 event docs)',
  init: (cfg, pages): AwareState => ({ kind: 'aware', mm: cfg.mm, entries: new Array(pages).fill(null), count: 0, seq: 0 }),
  locks: (cfg) => [LockName.mirror(cfg.name, 'mmu_lock')],
  programs: [
    // release (mm teardown): drop every entry and bump seq. A driver faulting the mm takes a reference first
    // (mmget_not_zero, as ODP's fault does), which fails once exit_mmap runs; a fault holding one delays exit_mmap to
    // its own mmput (model/mm/mmUsers.ts), so no fault is in flight at the release. The bump (added in 18b5061, when
    // the model let the two overlap) stays: what a driver's teardown would do to any fault it did not wait for
    releaseProgram('aware', 'release', `${A}:release`, lock, (c) => {
      aware.draft(c.s, c.l.m).seq += 1;
    }),
    start,
    end,
    retryFault({
      kind: 'aware',
      lock,
      snapshot: { label: 'mmu_seq = seq', at: `${A}:fault` },
      check: { label: 'mmu_notifier_retry', at: `${A}:fault` },
      release: { label: 'put_page', at: `${A}:fault` },
      mmget: { at: `${A}:fault (mmget_not_zero)` },
    }),
  ],
  describe: (m) => ({ count: aware.from(m).count, seq: aware.from(m).seq }),
  inFlight: (m) => aware.from(m).count,
};
