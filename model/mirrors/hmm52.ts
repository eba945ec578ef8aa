/**
 * HMM as merged in v5.2 (mm/hmm.c) with a driver following
 * Documentation/vm/hmm.rst (nouveau_svm.c in v5.3). start: hmm->lock
 * (mutex; trylock when not blockable, -EAGAIN), notifiers++, overlapping
 * ranges invalid, unlock; then each mirror's sync_cpu_device_pagetables
 * (driver lock, -EAGAIN when not blockable and busy) -- a failure after
 * notifiers++ leaves notifiers raised (no end follows), as in v5.2.
 * end: hmm->lock; notifiers--; at 0 every range valid again, wake_up_all.
 * Driver fault: hmm_range_register (valid only when notifiers == 0),
 * hmm_range_wait_until_valid (blocks; the timeout is not modelled),
 * down_read(mmap_sem), hmm_range_fault (-EAGAIN when the range went invalid),
 * driver lock, hmm_range_valid re-check, commit, unlock, up_read,
 * hmm_range_unregister. mirrors_sem is not modelled (no writer here).
 */
import type { Draft } from 'immer';
import { LockName, canTake } from '../mm/locks.js';
import type { MirrorState } from '../mm/MmState.js';
import { rangeOf } from '../mm/notifier/rangeInit.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { lockStep, sectionStep, trylockTaken, trylockWhenNonblocking, unlockStep } from '../mm/step/steps.js';
import { hmmWalk } from './hmmWalk.js';
import { syncStep } from './hmm50.js';
import { addRange, markRanges, rangeOwned, removeRange, validateAll, type HmmBase } from './hmmRanges.js';
import type { MirrorKind } from './MirrorKind.js';
import { mirrorLock, mirrorOf, setEntry } from './mirrorLock.js';
import { releaseProgram } from './releaseProgram.js';

export interface Hmm52State extends HmmBase {
  readonly kind: 'hmm52';
  /** hmm->notifiers */
  readonly notifiers: number;
}

const H = 'mm/hmm.c';
const D = 'Documentation/vm/hmm.rst (driver fault)';
const hmmLock = mirrorLock('hmm.lock');
const driver = mirrorLock('driver_mutex');
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
    syncStep('sync_cpu_device_pagetables', `${H}:hmm_invalidate_range_start`),
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
      addRange(c.s, c.n('m'), { owner: c.tid, start: c.n('addr'), end: c.n('addr') + 1, valid: hmm(c.s, c.n('m')).notifiers === 0 });
      return undefined;
    }),
    {
      label: 'hmm_range_wait_until_valid',
      at: 'include/linux/hmm.h:hmm_range_wait_until_valid',
      // wait_event_timeout(hmm->wq, range->valid || !range->hmm->mm, timeout)
      guard: valid,
      run: () => undefined,
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

export const hmm52Mirror: MirrorKind = {
  kind: 'hmm52',
  description: 'HMM v5.2: notifiers count, ranges valid again at 0, fault waits until valid and re-checks under the driver lock',
  source: 'mm/hmm.c (v5.2)',
  init: (cfg, pages): Hmm52State => ({ kind: 'hmm52', mm: cfg.mm, entries: new Array(pages).fill(null), ranges: [], notifiers: 0 }),
  locks: (cfg) => [LockName.mirror(cfg.name, 'hmm.lock'), LockName.mirror(cfg.name, 'driver_mutex')],
  programs: [
    // hmm_release: hmm->dead = true (waiters give up: not modelled, no fault runs at exit); each mirror->ops->release(mirror)
    releaseProgram('hmm52', 'hmm_release', `${H}:hmm_release`, driver),
    start, end, fault,
  ],
  describe: (m: MirrorState) => ({
    notifiers: (m as Hmm52State).notifiers,
    ranges: (m as Hmm52State).ranges.map((r) => `t${r.owner}[${r.start},${r.end})${r.valid ? '' : '!'}`).join(' '),
  }),
  inFlight: (m: MirrorState) => (m as Hmm52State).notifiers,
};
