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
import type { Draft } from 'immer';
import { LockName, canTake } from '../mm/locks.js';
import type { MirrorState } from '../mm/MmState.js';
import { rangeOf } from '../mm/notifier/rangeInit.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { lockStep, sectionStep, trylockResult, trylockTaken, trylockWhenNonblocking, unlockStep } from '../mm/step/steps.js';
import { hmmWalk } from './hmmWalk.js';
import { addRange, markRanges, rangeOwned, removeRange, validateAll, type HmmBase } from './hmmRanges.js';
import type { MirrorKind } from './MirrorKind.js';
import { dropEntries, mirrorLock, mirrorOf, setEntry } from './mirrorLock.js';
import { dropAll } from './releaseProgram.js';

export interface Hmm52State extends HmmBase {
  readonly kind: 'hmm52';
  /** hmm->notifiers */
  readonly notifiers: number;
  /** hmm->dead (set by hmm_release) */
  readonly dead: boolean;
  /** the driver's hmm_mirror is on hmm->mirrors (hmm_release unlists it) */
  readonly listed: boolean;
}

const H = 'mm/hmm.c';
const D = 'Documentation/vm/hmm.rst (driver fault)';
const hmmLock = mirrorLock('hmm.lock');
const driver = mirrorLock('driver_mutex');
const mirrorsSem = mirrorLock('mirrors_sem');
const blockable = (v: StepView): boolean => v.t.ranges[v.l['r'] as number]!.blockable;
const mmapSem = (v: StepView): string => LockName.mmapSem(v.s.mirrors[v.l['m'] as number]!.mm);
const hmm = (s: Parameters<typeof mirrorOf>[0], m: number) => mirrorOf<Hmm52State>(s, m) as Draft<Hmm52State>;

const start: Program = {
  name: 'hmm52.invalidate_range_start',
  locals: (a) => ({ m: a['m'] ?? null, r: a['r'] ?? null }),
  steps: [
    {
      label: 'mutex_lock(&hmm->lock)',
      at: `${H}:hmm_invalidate_range_start`,
      guard: (v) => !v.t.ranges[v.l['r'] as number]!.blockable || canTake(v.s, hmmLock(v)),
      ...trylockWhenNonblocking(hmmLock, (v) => v.t.ranges[v.l['r'] as number]!.blockable),
      run: (c) => {
        // if (blockable) mutex_lock(&hmm->lock); else if (!mutex_trylock(&hmm->lock)) { ret = -EAGAIN; goto out; }
        if (!rangeOf(c, c.n('r')).blockable && !trylockTaken(c, hmmLock(c))) {
          c.ret(-11);
          return DONE;
        }
        c.lock(hmmLock(c));
        // hmm->notifiers++; list_for_each_entry(range, &hmm->ranges, list) { if (overlap) range->valid = false; } mutex_unlock(&hmm->lock);
        const r = rangeOf(c, c.n('r'));
        hmm(c.s, c.n('m')).notifiers += 1;
        markRanges(c.s, c.n('m'), r.start, r.end, false);
        c.unlock(hmmLock(c));
        return undefined;
      },
    },
    {
      label: 'down_read(&hmm->mirrors_sem)',
      at: `${H}:hmm_invalidate_range_start`,
      guard: (v) => !blockable(v) || canTake(v.s, mirrorsSem(v), 'r'),
      describe: (v) => (blockable(v) ? undefined : trylockResult(v, mirrorsSem(v), 0, 'r')),
      run: (c) => {
        // if (mmu_notifier_range_blockable(nrange)) down_read(&hmm->mirrors_sem);
        // else if (!down_read_trylock(&hmm->mirrors_sem)) { ret = -EAGAIN; goto out; }  -- notifiers stays raised, no end follows
        if (!rangeOf(c, c.n('r')).blockable && !canTake(c.s, mirrorsSem(c), 'r')) {
          c.ret(-11);
          return DONE;
        }
        c.lock(mirrorsSem(c), 'r');
        return undefined;
      },
    },
    {
      label: 'sync_cpu_device_pagetables',
      at: `${H}:hmm_invalidate_range_start`,
      guard: (v) => !hmm(v.s, v.l['m'] as number).listed || !blockable(v) || canTake(v.s, driver(v)),
      ...trylockWhenNonblocking(driver, (v) => !hmm(v.s, v.l['m'] as number).listed || blockable(v)),
      run: (c) => {
        // list_for_each_entry(mirror, &hmm->mirrors, list) { int ret; ret = mirror->ops->sync_cpu_device_pagetables(mirror, &update);
        //   if (!update.blockable && ret == -EAGAIN) { up_read(&hmm->mirrors_sem); ret = -EAGAIN; goto out; } }  up_read(&hmm->mirrors_sem);
        // out: hmm_put(hmm); return ret;   -- the inner `int ret` shadows the outer one: start returns 0 either way
        const r = rangeOf(c, c.n('r'));
        if (hmm(c.s, c.n('m')).listed) {
          // driver: if (update->blockable) mutex_lock(&drv->mutex); else if (!mutex_trylock(&drv->mutex)) return -EAGAIN;
          if (!r.blockable && !trylockTaken(c, driver(c))) {
            c.unlock(mirrorsSem(c), 'r');
            c.ret(0);
            return DONE;
          }
          c.lock(driver(c));
          dropEntries(c.s, c.n('m'), r.start, r.end);
          c.unlock(driver(c));
        }
        c.unlock(mirrorsSem(c), 'r');
        c.ret(0);
        return DONE;
      },
    },
  ],
};

const end: Program = {
  name: 'hmm52.invalidate_range_end',
  locals: (a) => ({ m: a['m'] ?? null, r: a['r'] ?? null }),
  steps: [
    sectionStep('hmm->notifiers--', `${H}:hmm_invalidate_range_end`, hmmLock, (c) => {
      // mutex_lock(&hmm->lock); hmm->notifiers--; if (!hmm->notifiers) { every range->valid = true; wake_up_all(&hmm->wq); } mutex_unlock(&hmm->lock);
      const h = hmm(c.s, c.n('m'));
      h.notifiers -= 1;
      if (h.notifiers === 0) validateAll(c.s, c.n('m'));
      c.ret(0);
      return DONE;
    }),
  ],
};

const valid = (v: StepView): boolean => rangeOwned(v.s, v.l['m'] as number, v.tid)?.valid === true;

const fault: Program = {
  name: 'hmm52.fault',
  params: ['m', 'addr', 'write'],
  locals: (a) => ({ m: a['m'] ?? null, addr: a['addr'] ?? null, write: a['write'] ?? false, pfn: -1, pwrite: false }),
  steps: [
    sectionStep('hmm_range_register', `${H}:hmm_range_register`, hmmLock, (c) => {
      // mutex_lock(&hmm->lock); list_add_rcu(&range->list, &hmm->ranges); /* If there are any concurrent notifiers we have to wait for them */ if (!hmm->notifiers) range->valid = true; mutex_unlock
      // (before the lock) if (range->hmm->mm == NULL || range->hmm->dead) { hmm_put(range->hmm); return -EFAULT; }
      if (hmm(c.s, c.n('m')).dead) {
        c.ret(-14);
        return DONE;
      }
      addRange(c.s, c.n('m'), { owner: c.tid, start: c.n('addr'), end: c.n('addr') + 1, valid: hmm(c.s, c.n('m')).notifiers === 0 });
      return undefined;
    }),
    {
      label: 'hmm_range_wait_until_valid',
      at: 'include/linux/hmm.h:hmm_range_wait_until_valid',
      // if (range->hmm->dead) { range->valid = false; return false; }  wait_event_timeout(hmm->wq, range->valid || range->hmm->dead, timeout); return range->valid;
      guard: (v) => valid(v) || hmm(v.s, v.l['m'] as number).dead,
      // driver: if (!hmm_range_wait_until_valid(&range, TIMEOUT)) { hmm_range_unregister(&range); goto again; } -- and register then fails (dead)
      run: (c) => (valid(c) ? undefined : 'hmm_range_unregister (retry)'),
    },
    lockStep('down_read', `${D}:fault`, mmapSem, 'r'),
    {
      label: 'hmm_range_fault',
      at: `${H}:hmm_range_fault`,
      run: (c) => {
        // if (!range->valid) { up_read(&hmm->mm->mmap_sem); return -EAGAIN; }  then walk (no PTE lock); a hole faults and walks again
        if (!rangeOwned(c.s, c.n('m'), c.tid)?.valid) return 'up_read (retry)';
        return hmmWalk(c, { ok: 'mutex_lock', error: 'up_read (error)', faulted: 'hmm_vma_do_fault' });
      },
    },
    {
      label: 'hmm_vma_do_fault',
      at: `${H}:hmm_vma_do_fault`,
      local: true,
      run: (c) => (typeof c.t.rv === 'number' && c.t.rv < 0 ? 'up_read (error)' : 'hmm_range_fault'),
    },
    lockStep('mutex_lock', `${D}:fault`, driver),
    {
      label: 'hmm_range_valid',
      at: `${D}:fault`,
      run: (c) => {
        // if (!hmm_range_valid(range)) { mutex_unlock(&drv->mutex); goto again; }  commit the device page table
        if (!rangeOwned(c.s, c.n('m'), c.tid)?.valid) return 'mutex_unlock (retry)';
        setEntry(c.s, c.n('m'), c.n('addr'), c.n('pfn'), c.l['pwrite'] === true);
        return undefined;
      },
    },
    unlockStep('mutex_unlock', `${D}:fault`, driver, 'w', () => 'up_read'),
    unlockStep('mutex_unlock (retry)', `${D}:fault`, driver, 'w', () => 'up_read (retry)'),
    unlockStep('up_read', `${D}:fault`, mmapSem, 'r'),
    sectionStep('hmm_range_unregister', `${H}:hmm_range_unregister`, hmmLock, (c) => {
      removeRange(c.s, c.n('m'), c.tid);
      c.ret(0);
      return DONE;
    }),
    unlockStep('up_read (retry)', `${D}:fault`, mmapSem, 'r'),
    sectionStep('hmm_range_unregister (retry)', `${H}:hmm_range_unregister`, hmmLock, (c) => {
      removeRange(c.s, c.n('m'), c.tid);
      return 'hmm_range_register';
    }),
    unlockStep('up_read (error)', `${D}:fault`, mmapSem, 'r'),
    sectionStep('hmm_range_unregister (error)', `${H}:hmm_range_unregister`, hmmLock, (c) => {
      removeRange(c.s, c.n('m'), c.tid);
      c.ret(-14);
      return DONE;
    }),
  ],
};

/** hmm_release (v5.2), the hmm's mmu_notifier release, from exit_mmap's mmu_notifier_release. */
const release: Program = {
  name: 'hmm52.release',
  locals: (a) => ({ m: a['m'] ?? null }),
  steps: [
    sectionStep('mutex_lock(&hmm->lock)', `${H}:hmm_release`, hmmLock, (c) => {
      // hmm->dead = true; mutex_lock(&hmm->lock); list_for_each_entry(range, &hmm->ranges, list) range->valid = false; wake_up_all(&hmm->wq); mutex_unlock(&hmm->lock);
      hmm(c.s, c.n('m')).dead = true;
      markRanges(c.s, c.n('m'), 0, Number.MAX_SAFE_INTEGER, false);
      return undefined;
    }),
    lockStep('down_write(&hmm->mirrors_sem)', `${H}:hmm_release`, mirrorsSem),
    unlockStep('up_write(&hmm->mirrors_sem)', `${H}:hmm_release`, mirrorsSem, 'w', (c) => {
      // mirror = list_first_entry_or_null(&hmm->mirrors, ...); list_del_init(&mirror->list); if (mirror->ops->release) { up_write(&hmm->mirrors_sem); ...
      hmm(c.s, c.n('m')).listed = false;
      return undefined;
    }),
    sectionStep('mirror->ops->release', `${D}:release`, driver, (c) => {
      // the driver's release: stop device access (drop its device page table)
      dropAll(c.s, c.n('m'));
      return undefined;
    }),
    sectionStep('down_write(&hmm->mirrors_sem) (again)', `${H}:hmm_release`, mirrorsSem, () => {
      // down_write(&hmm->mirrors_sem); mirror = list_first_entry_or_null(...) -- empty; up_write(&hmm->mirrors_sem);
      return DONE;
    }),
  ],
};

export const hmm52Mirror: MirrorKind = {
  kind: 'hmm52',
  description: 'HMM v5.2: notifiers count, ranges valid again at 0, fault waits until valid and re-checks under the driver lock',
  source: 'mm/hmm.c (v5.2)',
  init: (cfg, pages): Hmm52State => ({ kind: 'hmm52', mm: cfg.mm, entries: new Array(pages).fill(null), ranges: [], notifiers: 0, dead: false, listed: true }),
  locks: (cfg) => [LockName.mirror(cfg.name, 'hmm.lock'), LockName.mirror(cfg.name, 'driver_mutex'), LockName.mirror(cfg.name, 'mirrors_sem')],
  programs: [
    release,
    start, end, fault,
  ],
  describe: (m: MirrorState) => ({
    notifiers: (m as Hmm52State).notifiers,
    dead: (m as Hmm52State).dead,
    listed: (m as Hmm52State).listed,
    ranges: (m as Hmm52State).ranges.map((r) => `t${r.owner}[${r.start},${r.end})${r.valid ? '' : '!'}`).join(' '),
  }),
  inFlight: (m: MirrorState) => (m as Hmm52State).notifiers,
};
