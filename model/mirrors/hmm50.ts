/**
 * HMM as in v5.0/v5.1 (mm/hmm.c) with the mirror driver of
 * Documentation/vm/hmm.rst (v5.0 has no in-tree hmm_mirror user:
 * nouveau_svm.c arrives in v5.3, on the v5.2 API). start: under hmm->lock mark every
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
import { LockName } from '../mm/locks.js';
import { EFAULT } from '../mm/errno.js';
import { rangeOf } from '../mm/notifier/rangeInit.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';
import { blockableLockStep } from './blockableLock.js';
import { RANGE_PARAMS, type FaultArgs, type RangeArgs, rangeLocals } from './callbackArgs.js';
import { hmmWalk } from './hmmWalk.js';
import { addRange, markRanges, removeRange, type HmmBase } from './hmmRanges.js';
import type { MirrorKind } from './MirrorKind.js';
import { dropEntries, mirrorLock, setEntry } from './mirrorLock.js';
import { mirrorState } from './mirrorState.js';
import { releaseProgram } from './releaseProgram.js';

export type Hmm50State = HmmBase & {
  readonly kind: 'hmm50';
};

const H = 'mm/hmm.c';
const D = 'Documentation/vm/hmm.rst (driver fault)';
const spin = mirrorLock('hmm.lock.spin');
const driver = mirrorLock('driver_mutex');
const hmm = mirrorState<Hmm50State>('hmm50');
const faultLocals = (a: FaultArgs) => ({ m: a.m, addr: a.addr, write: a.write ?? false, pfn: -1, pwrite: false });
const mmapSem = (v: View<{ m: number }>): string => LockName.mmapSem(hmm.of(v.s, v.l.m).mm);

/**
 * mm/hmm.c:hmm_invalidate_range(hmm, device, &update) {m, r, device}: start
 * calls it with device = true, end with device = false.
 */
const invalidateRange = defineProgram({
  name: 'hmm50.hmm_invalidate_range',
  file: H,
  params: [...RANGE_PARAMS, 'device'],
  locals: (a: RangeArgs & { readonly device: boolean }) => ({ m: a.m, r: a.r, device: a.device }),
  steps: ($) => [
    $.section(
      'hmm_invalidate_range',
      spin,
      (c) => {
        // spin_lock(&hmm->lock); list_for_each_entry(range, &hmm->ranges, list) { if (overlap) range->valid = false; } spin_unlock(&hmm->lock);
        const r = rangeOf(c, c.l.r);
        markRanges(c.s, c.l.m, r.start, r.end, false);
        // if (!device) return 0;
        if (c.l.device) return undefined;
        c.ret(0);
        return DONE;
      },
      { at: 'hmm_invalidate_range' },
    ),
    // sync_cpu_device_pagetables: the driver lock (trylock when not blockable), drop the device entries in the range
    // if (update->blockable) mutex_lock(&drv->mutex); else if (!mutex_trylock(&drv->mutex)) return -EAGAIN;
    blockableLockStep($, 'sync_cpu_device_pagetables', driver, {
      at: 'hmm_invalidate_range',
      then: (c) => {
        const r = rangeOf(c, c.l.r);
        c.lock(driver(c));
        dropEntries(c.s, c.l.m, r.start, r.end);
        c.unlock(driver(c));
        c.ret(0);
        return DONE;
      },
    }),
  ],
});

/** hmm_invalidate_range_start (device) and hmm_invalidate_range_end (no device; update.blockable = true): hmm_invalidate_range. */
const callback = (cb: 'start' | 'end', device: boolean) =>
  defineProgram({
    name: `hmm50.invalidate_range_${cb}`,
    file: H,
    params: RANGE_PARAMS,
    locals: rangeLocals,
    steps: ($) => [
      // update.start = range->start; update.end = range->end; ...; [return] hmm_invalidate_range(hmm, device, &update);
      $.local('hmm_invalidate_range', (c) => c.call(invalidateRange, { m: c.l.m, r: c.l.r, device }, 'return'), `hmm_invalidate_range_${cb}`),
      $.local('return', () => DONE, `hmm_invalidate_range_${cb}`),
    ],
  });

const fault = defineProgram({
  name: 'hmm50.fault',
  file: H,
  params: ['m', 'addr', 'write'],
  locals: faultLocals,
  steps: ($) => [
    $.lock('down_read', mmapSem, { at: `${D}:fault`, mode: 'r' }),
    $.section(
      'hmm_vma_fault',
      spin,
      (c) => {
        // spin_lock(&hmm->lock); range->valid = true; list_add_rcu(&range->list, &hmm->ranges); spin_unlock(&hmm->lock);
        addRange(c.s, c.l.m, { owner: c.tid, start: c.l.addr, end: c.l.addr + 1, valid: true });
        return 'hmm_vma_walk_pmd';
      },
      { at: 'hmm_vma_fault' },
    ),
    $.step('hmm_vma_walk_pmd', {
      at: 'hmm_vma_handle_pte',
      run: (c) => {
        // pte = *ptep (no PTE lock); hole or no write permission -> hmm_vma_do_fault -> handle_mm_fault, then walk again (-EAGAIN)
        return hmmWalk(c, { ok: 'mutex_lock', error: 'hmm_vma_range_done (error)', faulted: 'hmm_vma_do_fault' });
      },
    }),
    $.local('hmm_vma_do_fault', (c) => (typeof c.t.rv === 'number' && c.t.rv < 0 ? 'hmm_vma_range_done (error)' : 'hmm_vma_walk_pmd'), 'hmm_vma_do_fault'),
    $.lock('mutex_lock', driver, { at: `${D}:fault` }),
    $.section(
      'hmm_vma_range_done',
      spin,
      (c) => {
        // if (!hmm_vma_range_done(range)) { mutex_unlock(&drv->mutex); goto again; }  (range_done: spin_lock; list_del; spin_unlock; return range->valid)
        const r = removeRange(c.s, c.l.m, c.tid);
        if (!r || !r.valid) return 'mutex_unlock (retry)';
        // commit the device page table
        setEntry(c.s, c.l.m, c.l.addr, c.l.pfn, c.l.pwrite);
        return undefined;
      },
      { at: 'hmm_vma_range_done' },
    ),
    $.unlock('mutex_unlock', driver, { at: `${D}:fault`, then: () => 'up_read' }),
    $.unlock('mutex_unlock (retry)', driver, { at: `${D}:fault`, then: () => 'up_read (retry)' }),
    $.unlock('up_read (retry)', mmapSem, { at: `${D}:fault`, mode: 'r', then: () => 'down_read' }),
    $.unlock('up_read', mmapSem, {
      at: `${D}:fault`,
      mode: 'r',
      then: (c) => {
        c.ret(0);
        return DONE;
      },
    }),
    $.section(
      'hmm_vma_range_done (error)',
      spin,
      (c) => {
        removeRange(c.s, c.l.m, c.tid);
        c.ret(EFAULT);
        return 'up_read (error)';
      },
      { at: 'hmm_vma_range_done' },
    ),
    $.unlock('up_read (error)', mmapSem, { at: `${D}:fault`, mode: 'r', then: () => DONE }),
  ],
});

export const hmm50Mirror: MirrorKind = {
  kind: 'hmm50',
  description: 'HMM v5.0: hmm_ranges with a valid flag, sync_cpu_device_pagetables, driver commit if the range stayed valid',
  source: 'mm/hmm.c (v5.0)',
  init: (cfg, pages): Hmm50State => ({ kind: 'hmm50', mm: cfg.mm, entries: new Array(pages).fill(null), ranges: [] }),
  locks: (cfg) => [LockName.mirror(cfg.name, 'hmm.lock.spin'), LockName.mirror(cfg.name, 'driver_mutex')],
  programs: [
    // hmm_release: down_write(&hmm->mirrors_sem); each mirror->ops->release(mirror) (the driver drops its device page table)
    releaseProgram('hmm50', 'hmm_release', `${H}:hmm_release`, driver, (c) => markRanges(c.s, c.l.m, 0, Number.MAX_SAFE_INTEGER, false)),
    callback('start', true),
    callback('end', false),
    invalidateRange,
    fault,
  ],
  describe: (m) => ({
    ranges: hmm
      .from(m)
      .ranges.map((r) => `t${r.owner}[${r.start},${r.end})${r.valid ? '' : '!'}`)
      .join(' '),
  }),
};
