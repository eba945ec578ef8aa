/**
 * HMM as merged in v5.2 (mm/hmm.c) with a driver following
 * Documentation/vm/hmm.rst (v5.2 has no in-tree hmm_mirror user:
 * nouveau_svm.c and amdgpu's hmm_mirror arrive in v5.3). One hmm_mirror per
 * hmm. start (hmm_invalidate_range_start): hmm->lock (mutex; trylock when
 * not blockable: -EAGAIN before notifiers++), notifiers++, overlapping
 * ranges invalid, unlock; then down_read(&hmm->mirrors_sem) (trylock when
 * not blockable: -EAGAIN with notifiers left raised, and the core calls no
 * end); then the mirror's sync_cpu_device_pagetables (driver lock, -EAGAIN
 * when not blockable and busy) -- v5.2 stores that -EAGAIN in the loop's own
 * `int ret`, which shadows the function's, so start returns 0 although the
 * device kept its entries. Both fixed in v5.3 by "mm/hmm: Fix error flows in
 * hmm_invalidate_range_start". end: hmm->lock; notifiers--; at 0 every range
 * valid again, wake_up_all. release (hmm_release): dead, ranges invalid;
 * down_write(&hmm->mirrors_sem), unlist the mirror, up_write, the driver's
 * release, down_write/up_write again. Driver fault: hmm_range_register
 * (-EFAULT when dead; valid only when notifiers == 0),
 * hmm_range_wait_until_valid (blocks until valid or dead; the timeout is not
 * modelled), down_read(mmap_sem), hmm_range_fault (-EAGAIN when the range
 * went invalid), driver lock, hmm_range_valid re-check, commit, unlock,
 * up_read, hmm_range_unregister. A waiting writer that makes
 * down_read_trylock fail is not modelled (only a holding one).
 */
import { LockName } from '../mm/locks.js';
import { EFAULT } from '../mm/errno.js';
import { rangeOf } from '../mm/notifier/rangeInit.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';
import { blockableLock, blockableLockStep, trylockFails } from './blockableLock.js';
import { RANGE_PARAMS, type FaultArgs, rangeLocals } from './callbackArgs.js';
import { hmmWalk } from './hmmWalk.js';
import { addRange, markRanges, rangeOwned, removeRange, validateAll, type HmmBase } from './hmmRanges.js';
import type { MirrorKind } from './MirrorKind.js';
import { dropEntries, mirrorLock, setEntry } from './mirrorLock.js';
import { mirrorState } from './mirrorState.js';
import { dropAll, releaseLocals } from './releaseProgram.js';

export type Hmm52State = HmmBase & {
  readonly kind: 'hmm52';
  /** hmm->notifiers */
  readonly notifiers: number;
  /** hmm->dead (set by hmm_release) */
  readonly dead: boolean;
  /** the driver's hmm_mirror is on hmm->mirrors (hmm_release unlists it) */
  readonly listed: boolean;
};

const H = 'mm/hmm.c';
const D = 'Documentation/vm/hmm.rst (driver fault)';
const hmmLock = mirrorLock('hmm.lock');
const driver = mirrorLock('driver_mutex');
const mirrorsSem = mirrorLock('mirrors_sem');
const hmm = mirrorState<Hmm52State>('hmm52');
const faultLocals = (a: FaultArgs) => ({ m: a.m, addr: a.addr, write: a.write ?? false, pfn: -1, pwrite: false });
const mmapSem = (v: View<{ m: number }>): string => LockName.mmapSem(hmm.of(v.s, v.l.m).mm);
/** The driver's hmm_mirror is on hmm->mirrors: start calls its sync_cpu_device_pagetables. */
const listed = (v: View<{ m: number }>): boolean => hmm.of(v.s, v.l.m).listed;

const start = defineProgram({
  name: 'hmm52.invalidate_range_start',
  file: H,
  params: RANGE_PARAMS,
  locals: rangeLocals,
  steps: ($) => [
    // if (blockable) mutex_lock(&hmm->lock); else if (!mutex_trylock(&hmm->lock)) { ret = -EAGAIN; goto out; }
    blockableLockStep($, 'mutex_lock(&hmm->lock)', hmmLock, {
      at: 'hmm_invalidate_range_start',
      then: (c) => {
        c.lock(hmmLock(c));
        // hmm->notifiers++; list_for_each_entry(range, &hmm->ranges, list) { if (overlap) range->valid = false; } mutex_unlock(&hmm->lock);
        const r = rangeOf(c, c.l.r);
        hmm.draft(c.s, c.l.m).notifiers += 1;
        markRanges(c.s, c.l.m, r.start, r.end, false);
        c.unlock(hmmLock(c));
        return undefined;
      },
    }),
    // if (mmu_notifier_range_blockable(nrange)) down_read(&hmm->mirrors_sem);
    // else if (!down_read_trylock(&hmm->mirrors_sem)) { ret = -EAGAIN; goto out; }  -- notifiers stays raised, no end follows
    blockableLockStep($, 'down_read(&hmm->mirrors_sem)', mirrorsSem, {
      at: 'hmm_invalidate_range_start',
      mode: 'r',
      then: (c) => {
        c.lock(mirrorsSem(c), 'r');
        return undefined;
      },
    }),
    $.step('sync_cpu_device_pagetables', {
      at: 'hmm_invalidate_range_start',
      ...blockableLock(driver, { when: listed }),
      run: (c) => {
        // list_for_each_entry(mirror, &hmm->mirrors, list) { int ret; ret = mirror->ops->sync_cpu_device_pagetables(mirror, &update);
        //   if (!update.blockable && ret == -EAGAIN) { up_read(&hmm->mirrors_sem); ret = -EAGAIN; goto out; } }  up_read(&hmm->mirrors_sem);
        // out: hmm_put(hmm); return ret;   -- the inner `int ret` shadows the outer one: start returns 0 either way
        const r = rangeOf(c, c.l.r);
        if (listed(c)) {
          // driver: if (update->blockable) mutex_lock(&drv->mutex); else if (!mutex_trylock(&drv->mutex)) return -EAGAIN;
          if (trylockFails(c, driver)) {
            c.unlock(mirrorsSem(c), 'r');
            c.ret(0);
            return DONE;
          }
          c.lock(driver(c));
          dropEntries(c.s, c.l.m, r.start, r.end);
          c.unlock(driver(c));
        }
        c.unlock(mirrorsSem(c), 'r');
        c.ret(0);
        return DONE;
      },
    }),
  ],
});

const end = defineProgram({
  name: 'hmm52.invalidate_range_end',
  file: H,
  params: RANGE_PARAMS,
  locals: rangeLocals,
  steps: ($) => [
    $.section(
      'hmm->notifiers--',
      hmmLock,
      (c) => {
        // mutex_lock(&hmm->lock); hmm->notifiers--; if (!hmm->notifiers) { every range->valid = true; wake_up_all(&hmm->wq); } mutex_unlock(&hmm->lock);
        const h = hmm.draft(c.s, c.l.m);
        h.notifiers -= 1;
        if (h.notifiers === 0) validateAll(c.s, c.l.m);
        c.ret(0);
        return DONE;
      },
      { at: 'hmm_invalidate_range_end' },
    ),
  ],
});

/** This thread's hmm_range is registered and valid. */
const valid = (v: View<{ m: number }>): boolean => rangeOwned(v.s, v.l.m, v.tid)?.valid === true;

const fault = defineProgram({
  name: 'hmm52.fault',
  file: H,
  params: ['m', 'addr', 'write'],
  locals: faultLocals,
  steps: ($) => [
    $.section(
      'hmm_range_register',
      hmmLock,
      (c) => {
        // mutex_lock(&hmm->lock); list_add_rcu(&range->list, &hmm->ranges); /* If there are any concurrent notifiers we have to wait for them */ if (!hmm->notifiers) range->valid = true; mutex_unlock
        // (before the lock) if (range->hmm->mm == NULL || range->hmm->dead) { hmm_put(range->hmm); return -EFAULT; }
        const h = hmm.of(c.s, c.l.m);
        if (h.dead) {
          c.ret(EFAULT);
          return DONE;
        }
        addRange(c.s, c.l.m, { owner: c.tid, start: c.l.addr, end: c.l.addr + 1, valid: h.notifiers === 0 });
        return undefined;
      },
      { at: 'hmm_range_register' },
    ),
    $.step('hmm_range_wait_until_valid', {
      at: 'include/linux/hmm.h:hmm_range_wait_until_valid',
      // if (range->hmm->dead) { range->valid = false; return false; }  wait_event_timeout(hmm->wq, range->valid || range->hmm->dead, timeout); return range->valid;
      guard: (v) => valid(v) || hmm.of(v.s, v.l.m).dead,
      // driver: if (!hmm_range_wait_until_valid(&range, TIMEOUT)) { hmm_range_unregister(&range); goto again; } -- and register then fails (dead)
      run: (c) => (valid(c) ? undefined : 'hmm_range_unregister (retry)'),
    }),
    $.lock('down_read', mmapSem, { at: `${D}:fault`, mode: 'r' }),
    $.step('hmm_range_fault', {
      at: 'hmm_range_fault',
      run: (c) => {
        // if (!range->valid) { up_read(&hmm->mm->mmap_sem); return -EAGAIN; }  then walk (no PTE lock); a hole faults and walks again
        if (!valid(c)) return 'up_read (retry)';
        return hmmWalk(c, { ok: 'mutex_lock', error: 'up_read (error)', faulted: 'hmm_vma_do_fault' });
      },
    }),
    $.local('hmm_vma_do_fault', (c) => (typeof c.t.rv === 'number' && c.t.rv < 0 ? 'up_read (error)' : 'hmm_range_fault'), 'hmm_vma_do_fault'),
    $.lock('mutex_lock', driver, { at: `${D}:fault` }),
    $.step('hmm_range_valid', {
      at: `${D}:fault`,
      run: (c) => {
        // if (!hmm_range_valid(range)) { mutex_unlock(&drv->mutex); goto again; }  commit the device page table
        if (!valid(c)) return 'mutex_unlock (retry)';
        setEntry(c.s, c.l.m, c.l.addr, c.l.pfn, c.l.pwrite);
        return undefined;
      },
    }),
    $.unlock('mutex_unlock', driver, { at: `${D}:fault`, then: () => 'up_read' }),
    $.unlock('mutex_unlock (retry)', driver, { at: `${D}:fault`, then: () => 'up_read (retry)' }),
    $.unlock('up_read', mmapSem, { at: `${D}:fault`, mode: 'r' }),
    $.section(
      'hmm_range_unregister',
      hmmLock,
      (c) => {
        removeRange(c.s, c.l.m, c.tid);
        c.ret(0);
        return DONE;
      },
      { at: 'hmm_range_unregister' },
    ),
    $.unlock('up_read (retry)', mmapSem, { at: `${D}:fault`, mode: 'r' }),
    $.section(
      'hmm_range_unregister (retry)',
      hmmLock,
      (c) => {
        removeRange(c.s, c.l.m, c.tid);
        return 'hmm_range_register';
      },
      { at: 'hmm_range_unregister' },
    ),
    $.unlock('up_read (error)', mmapSem, { at: `${D}:fault`, mode: 'r' }),
    $.section(
      'hmm_range_unregister (error)',
      hmmLock,
      (c) => {
        removeRange(c.s, c.l.m, c.tid);
        c.ret(EFAULT);
        return DONE;
      },
      { at: 'hmm_range_unregister' },
    ),
  ],
});

/** hmm_release (v5.2), the hmm's mmu_notifier release, from exit_mmap's mmu_notifier_release. */
const release = defineProgram({
  name: 'hmm52.release',
  file: H,
  params: ['m'],
  locals: releaseLocals,
  steps: ($) => [
    $.section(
      'mutex_lock(&hmm->lock)',
      hmmLock,
      (c) => {
        // hmm->dead = true; mutex_lock(&hmm->lock); list_for_each_entry(range, &hmm->ranges, list) range->valid = false; wake_up_all(&hmm->wq); mutex_unlock(&hmm->lock);
        hmm.draft(c.s, c.l.m).dead = true;
        markRanges(c.s, c.l.m, 0, Number.MAX_SAFE_INTEGER, false);
        return undefined;
      },
      { at: 'hmm_release' },
    ),
    $.lock('down_write(&hmm->mirrors_sem)', mirrorsSem, { at: 'hmm_release' }),
    $.unlock('up_write(&hmm->mirrors_sem)', mirrorsSem, {
      at: 'hmm_release',
      then: (c) => {
        // mirror = list_first_entry_or_null(&hmm->mirrors, ...); list_del_init(&mirror->list); if (mirror->ops->release) { up_write(&hmm->mirrors_sem); ...
        hmm.draft(c.s, c.l.m).listed = false;
        return undefined;
      },
    }),
    $.section(
      'mirror->ops->release',
      driver,
      (c) => {
        // the driver's release: stop device access (drop its device page table)
        dropAll(c.s, c.l.m);
        return undefined;
      },
      { at: `${D}:release` },
    ),
    $.section(
      'down_write(&hmm->mirrors_sem) (again)',
      mirrorsSem,
      () => {
        // down_write(&hmm->mirrors_sem); mirror = list_first_entry_or_null(...) -- empty; up_write(&hmm->mirrors_sem);
        return DONE;
      },
      { at: 'hmm_release' },
    ),
  ],
});

export const hmm52Mirror: MirrorKind = {
  kind: 'hmm52',
  description: 'HMM v5.2: notifiers count, ranges valid again at 0, fault waits until valid and re-checks under the driver lock',
  source: 'mm/hmm.c (v5.2)',
  init: (cfg, pages): Hmm52State => ({ kind: 'hmm52', mm: cfg.mm, entries: new Array(pages).fill(null), ranges: [], notifiers: 0, dead: false, listed: true }),
  locks: (cfg) => [LockName.mirror(cfg.name, 'hmm.lock'), LockName.mirror(cfg.name, 'driver_mutex'), LockName.mirror(cfg.name, 'mirrors_sem')],
  programs: [release, start, end, fault],
  describe: (m) => {
    const h = hmm.from(m);
    return {
      notifiers: h.notifiers,
      dead: h.dead,
      listed: h.listed,
      ranges: h.ranges.map((r) => `t${r.owner}[${r.start},${r.end})${r.valid ? '' : '!'}`).join(' '),
    };
  },
  inFlight: (m) => hmm.from(m).notifiers,
};
