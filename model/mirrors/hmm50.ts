/**
 * HMM as in v5.0/v5.1 (mm/hmm.c) with a mirror driver in the style of
 * nouveau / the HMM documentation. start: under hmm->lock mark every
 * overlapping hmm_range invalid, then each mirror's
 * sync_cpu_device_pagetables (the driver lock; -EAGAIN when not blockable
 * and the lock is taken). end: the same walk with device = false (marks the
 * ranges invalid again, no sync). Driver fault: down_read(mmap_sem);
 * hmm_vma_fault (register the range valid, walk the CPU page table without
 * the PTE lock, handle_mm_fault on a hole, walk again); take the driver lock;
 * hmm_vma_range_done (unregister, return valid); commit the device entry if
 * valid else retry; up_read(mmap_sem). HMM takes no page reference.
 * Abstracted: mirrors_sem (only register/unregister write it: not modelled).
 */
import { LockName, canTake } from '../mm/locks.js';
import type { MirrorState } from '../mm/MmState.js';
import { rangeOf } from '../mm/notifier/rangeInit.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { lockStep, sectionStep, trylockTaken, trylockWhenNonblocking, unlockStep } from '../mm/step/steps.js';
import { hmmWalk } from './hmmWalk.js';
import { addRange, markRanges, removeRange, type HmmBase } from './hmmRanges.js';
import type { MirrorKind } from './MirrorKind.js';
import { dropEntries, mirrorLock, setEntry } from './mirrorLock.js';
import { releaseProgram } from './releaseProgram.js';

export interface Hmm50State extends HmmBase {
  readonly kind: 'hmm50';
}

const H = 'mm/hmm.c';
const D = 'drivers/gpu/drm/nouveau/nouveau_svm.c (HMM mirror driver)';
const spin = mirrorLock('hmm.lock.spin');
const driver = mirrorLock('driver_mutex');
const mmapSem = (v: StepView): string => LockName.mmapSem(v.s.mirrors[v.l['m'] as number]!.mm);

/** sync_cpu_device_pagetables: the driver lock (trylock when not blockable), drop the device entries in the range. */
export function syncStep(label: string, at: string): Program['steps'][number] {
  return {
    label,
    at,
    guard: (v) => !v.t.ranges[v.l['r'] as number]!.blockable || canTake(v.s, driver(v)),
    ...trylockWhenNonblocking(driver, (v) => v.t.ranges[v.l['r'] as number]!.blockable),
    run: (c) => {
      const r = rangeOf(c, c.n('r'));
      // if (update->blockable) mutex_lock(&drv->mutex); else if (!mutex_trylock(&drv->mutex)) return -EAGAIN;
      if ((!r.blockable && !trylockTaken(c, driver(c))) || !c.tryLock(driver(c))) {
        c.ret(-11);
        return DONE;
      }
      dropEntries(c.s, c.n('m'), r.start, r.end);
      c.unlock(driver(c));
      c.ret(0);
      return DONE;
    },
  };
}

const start: Program = {
  name: 'hmm50.invalidate_range_start',
  locals: (a) => ({ m: a['m'] ?? null, r: a['r'] ?? null }),
  steps: [
    sectionStep('hmm_invalidate_range', `${H}:hmm_invalidate_range`, spin, (c) => {
      // spin_lock(&hmm->lock); list_for_each_entry(range, &hmm->ranges, list) { if (overlap) range->valid = false; } spin_unlock(&hmm->lock);
      const r = rangeOf(c, c.n('r'));
      markRanges(c.s, c.n('m'), r.start, r.end, false);
      return undefined;
    }),
    syncStep('sync_cpu_device_pagetables', `${H}:hmm_invalidate_range`),
  ],
};

const end: Program = {
  name: 'hmm50.invalidate_range_end',
  locals: (a) => ({ m: a['m'] ?? null, r: a['r'] ?? null }),
  steps: [
    sectionStep('hmm_invalidate_range', `${H}:hmm_invalidate_range_end`, spin, (c) => {
      // hmm_invalidate_range(hmm, false, &update): mark the overlapping ranges invalid; if (!device) return 0;
      const r = rangeOf(c, c.n('r'));
      markRanges(c.s, c.n('m'), r.start, r.end, false);
      c.ret(0);
      return DONE;
    }),
  ],
};

const fault: Program = {
  name: 'hmm50.fault',
  params: ['m', 'addr', 'write'],
  locals: (a) => ({ m: a['m'] ?? null, addr: a['addr'] ?? null, write: a['write'] ?? false, pfn: -1, pwrite: false }),
  steps: [
    lockStep('down_read', `${D}:fault`, mmapSem, 'r'),
    sectionStep('hmm_vma_fault', `${H}:hmm_vma_fault`, spin, (c) => {
      // spin_lock(&hmm->lock); range->valid = true; list_add_rcu(&range->list, &hmm->ranges); spin_unlock(&hmm->lock);
      addRange(c.s, c.n('m'), { owner: c.tid, start: c.n('addr'), end: c.n('addr') + 1, valid: true });
      return 'hmm_vma_walk_pmd';
    }),
    {
      label: 'hmm_vma_walk_pmd',
      at: `${H}:hmm_vma_handle_pte`,
      run: (c) => {
        // pte = *ptep (no PTE lock); hole or no write permission -> hmm_vma_do_fault -> handle_mm_fault, then walk again (-EAGAIN)
        return hmmWalk(c, { ok: 'mutex_lock', error: 'hmm_vma_range_done (error)', faulted: 'hmm_vma_do_fault' });
      },
    },
    {
      label: 'hmm_vma_do_fault',
      at: `${H}:hmm_vma_do_fault`,
      local: true,
      run: (c) => (typeof c.t.rv === 'number' && c.t.rv < 0 ? 'hmm_vma_range_done (error)' : 'hmm_vma_walk_pmd'),
    },
    lockStep('mutex_lock', `${D}:fault`, driver),
    sectionStep('hmm_vma_range_done', `${H}:hmm_vma_range_done`, spin, (c) => {
      // if (!hmm_vma_range_done(range)) { mutex_unlock(&drv->mutex); goto again; }  (range_done: spin_lock; list_del; spin_unlock; return range->valid)
      const r = removeRange(c.s, c.n('m'), c.tid);
      if (!r || !r.valid) return 'mutex_unlock (retry)';
      // commit the device page table
      setEntry(c.s, c.n('m'), c.n('addr'), c.n('pfn'), c.l['pwrite'] === true);
      return undefined;
    }),
    unlockStep('mutex_unlock', `${D}:fault`, driver, 'w', () => 'up_read'),
    unlockStep('mutex_unlock (retry)', `${D}:fault`, driver, 'w', () => 'up_read (retry)'),
    unlockStep('up_read (retry)', `${D}:fault`, mmapSem, 'r', () => 'down_read'),
    unlockStep('up_read', `${D}:fault`, mmapSem, 'r', (c) => {
      c.ret(0);
      return DONE;
    }),
    sectionStep('hmm_vma_range_done (error)', `${H}:hmm_vma_range_done`, spin, (c) => {
      removeRange(c.s, c.n('m'), c.tid);
      c.ret(-14);
      return 'up_read (error)';
    }),
    unlockStep('up_read (error)', `${D}:fault`, mmapSem, 'r', () => DONE),
  ],
};

export const hmm50Mirror: MirrorKind = {
  kind: 'hmm50',
  description: 'HMM v5.0: hmm_ranges with a valid flag, sync_cpu_device_pagetables, driver commit if the range stayed valid',
  source: 'mm/hmm.c (v5.0)',
  init: (cfg, pages): Hmm50State => ({ kind: 'hmm50', mm: cfg.mm, entries: new Array(pages).fill(null), ranges: [] }),
  locks: (cfg) => [LockName.mirror(cfg.name, 'hmm.lock.spin'), LockName.mirror(cfg.name, 'driver_mutex')],
  programs: [
    // hmm_release: down_write(&hmm->mirrors_sem); each mirror->ops->release(mirror) (the driver drops its device page table)
    releaseProgram('hmm50', 'hmm_release', `${H}:hmm_release`, driver, (c) => markRanges(c.s, c.n('m'), 0, Number.MAX_SAFE_INTEGER, false)),
    start, end, fault,
  ],
  describe: (m: MirrorState) => ({ ranges: (m as Hmm50State).ranges.map((r) => `t${r.owner}[${r.start},${r.end})${r.valid ? '' : '!'}`).join(' ') }),
};
