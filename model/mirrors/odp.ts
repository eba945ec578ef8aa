/**
 * RDMA on-demand paging (drivers/infiniband/core/umem_odp.c at v5.0, with
 * mlx5's invalidate_range): one umem covering the mm. start takes
 * per_mm->umem_rwsem for read (trylock when not blockable) and keeps it
 * until end; rbt_ib_umem_for_each_in_range returns -EAGAIN for a
 * non-blockable range that overlaps a umem -- with umem_rwsem still held, as
 * in v5.0. Per umem: notifiers_count and notifiers_seq under umem_mutex;
 * the fault (ib_umem_odp_map_dma_pages) snapshots the seq, gups, and maps
 * the page under umem_mutex unless ib_umem_mmu_notifier_retry.
 *
 * ->release (ib_umem_notifier_release_trampoline) raises notifiers_count
 * and sets umem_odp->dying, on purpose and for good: "Increase the number
 * of notifiers running, to prevent any further fault handling on this MR".
 * The count is never lowered; the fault that meets it gives up with -EFAULT
 * once it sees `dying` (mlx5 pagefault_mr), instead of waiting. A fault that
 * starts after exit_mmap began (mm_users 0) fails at once with -EINVAL
 * (ib_umem_odp_map_dma_pages: mmget_not_zero); one that holds its reference
 * when the owner exits runs exit_mmap itself at its mmput (model/mm/mmUsers.ts).
 */
import { LockName } from '../mm/locks.js';
import { EAGAIN, EFAULT } from '../mm/errno.js';
import { rangeOf } from '../mm/notifier/rangeInit.js';
import { DONE, defineProgram } from '../mm/step/defineProgram.js';
import { blockableLockStep } from './blockableLock.js';
import { RANGE_PARAMS, rangeLocals } from './callbackArgs.js';
import type { MirrorKind } from './MirrorKind.js';
import { dropEntries, mirrorLock } from './mirrorLock.js';
import { mirrorState } from './mirrorState.js';
import { retryFault, type SeqMirror } from './retryFault.js';
import { releaseProgram } from './releaseProgram.js';

/** `count` = umem_odp->notifiers_count, `seq` = umem_odp->notifiers_seq, `dying` = umem_odp->dying. */
export type OdpState = SeqMirror & {
  readonly kind: 'odp';
  readonly dying: boolean;
};

const U = 'drivers/infiniband/core/umem_odp.c';
const rwsem = mirrorLock('umem_rwsem');
const mutex = mirrorLock('umem_mutex');
const odp = mirrorState<OdpState>('odp');

const start = defineProgram({
  name: 'odp.invalidate_range_start',
  file: U,
  params: RANGE_PARAMS,
  locals: rangeLocals,
  steps: ($) => [
    // if (range->blockable) down_read(&per_mm->umem_rwsem); else if (!down_read_trylock(&per_mm->umem_rwsem)) return -EAGAIN;
    blockableLockStep($, 'down_read(&per_mm->umem_rwsem)', rwsem, {
      at: 'ib_umem_notifier_invalidate_range_start',
      mode: 'r',
      then: (c) => {
        c.lock(rwsem(c), 'r');
        // rbt_ib_umem_for_each_in_range(..., blockable): /* TODO move the blockable decision up to the callback */ if (!blockable) return -EAGAIN;
        if (!rangeOf(c, c.l.r).blockable) {
          c.ret(EAGAIN);
          return DONE;
        }
        return undefined;
      },
    }),
    $.section(
      'invalidate_range_start_trampoline',
      mutex,
      (c) => {
        // ib_umem_notifier_start_account(item): mutex_lock(&umem_odp->umem_mutex); notifiers_count++; mutex_unlock
        // item->umem.context->invalidate_range(item, start, end): mlx5_ib_invalidate_range under umem_mutex: zap the MTT entries, unmap DMA
        // (two umem_mutex sections, one step: nothing else of this thread happens in between)
        const m = c.l.m;
        const r = rangeOf(c, c.l.r);
        odp.draft(c.s, m).count += 1;
        dropEntries(c.s, m, r.start, r.end);
        c.ret(0);
        return DONE;
      },
      { at: 'invalidate_range_start_trampoline' },
    ),
  ],
});

const end = defineProgram({
  name: 'odp.invalidate_range_end',
  file: U,
  params: RANGE_PARAMS,
  locals: rangeLocals,
  steps: ($) => [
    $.section(
      'ib_umem_notifier_end_account',
      mutex,
      (c) => {
        // mutex_lock(&umem_odp->umem_mutex); ++umem_odp->notifiers_seq; if (--umem_odp->notifiers_count == 0) complete_all(...); mutex_unlock
        const k = odp.draft(c.s, c.l.m);
        k.seq += 1;
        k.count -= 1;
        return undefined;
      },
      { at: 'ib_umem_notifier_end_account' },
    ),
    $.unlock('up_read(&per_mm->umem_rwsem)', rwsem, {
      at: 'ib_umem_notifier_invalidate_range_end',
      mode: 'r',
      then: (c) => {
        c.ret(0);
        return DONE;
      },
    }),
  ],
});

export const odpMirror: MirrorKind = {
  kind: 'odp',
  description: 'RDMA ODP umem: umem_rwsem held across start..end, notifiers_count/seq, retrying page fault',
  source: 'drivers/infiniband/core/umem_odp.c, drivers/infiniband/hw/mlx5/odp.c',
  init: (cfg, pages): OdpState => ({ kind: 'odp', mm: cfg.mm, entries: new Array(pages).fill(null), count: 0, seq: 0, dying: false }),
  locks: (cfg) => [LockName.mirror(cfg.name, 'umem_rwsem'), LockName.mirror(cfg.name, 'umem_mutex')],
  programs: [
    // ib_umem_notifier_release: down_read(umem_rwsem); per umem ib_umem_notifier_release_trampoline:
    //   /* Increase the number of notifiers running, to prevent any further fault handling on this MR. */
    //   ib_umem_notifier_start_account(umem_odp);  (notifiers_count++, never ended)
    //   umem_odp->dying = 1; smp_wmb(); complete_all(&umem_odp->notifier_completion);
    //   invalidate_range over the whole umem
    // up_read
    releaseProgram('odp', 'ib_umem_notifier_release_trampoline', `${U}:ib_umem_notifier_release`, mutex, (c) => {
      const k = odp.draft(c.s, c.l.m);
      k.count += 1;
      k.dying = true;
    }),
    start,
    end,
    retryFault({
      kind: 'odp',
      lock: mutex,
      snapshot: { label: 'current_seq = READ_ONCE(umem_odp->notifiers_seq)', at: `${U}:ib_umem_odp_map_dma_pages` },
      // one step for the two tests under umem_mutex: ib_umem_odp_map_dma_single_page's, inside the mm reference, and mlx5
      // pagefault_mr's, which installs the device's entry (mlx5_ib_update_xlt) after ib_umem_odp_map_dma_pages' mmput. It
      // comes after the mmput: an invalidation that fails the first test fails the second too (seq only grows), and the
      // release, which cannot come before that mmput, fails only the second
      check: { label: 'ib_umem_mmu_notifier_retry', at: `${U}:ib_umem_odp_map_dma_single_page` },
      release: { label: 'put_page', at: `${U}:ib_umem_odp_map_dma_single_page` },
      // drivers/infiniband/hw/mlx5/odp.c:pagefault_mr, out: if (ret == -EAGAIN) { if (implicit || !odp->dying) wait_for_completion_timeout(...);
      // else /* The MR is being killed, kill the QP as well. */ ret = -EFAULT; }  (one umem: never implicit)
      giveUp: { at: 'drivers/infiniband/hw/mlx5/odp.c:pagefault_mr', when: (s, m) => odp.of(s, m).dying, err: EFAULT },
      // owning_process = get_pid_task(umem_odp->per_mm->tgid, PIDTYPE_PID);
      // if (!owning_process || !mmget_not_zero(owning_mm)) { ret = -EINVAL; goto out_put_task; }  (the task: always there)
      mmget: { at: `${U}:ib_umem_odp_map_dma_pages` },
    }),
  ],
  describe: (m) => ({ notifiers_count: odp.from(m).count, notifiers_seq: odp.from(m).seq, dying: odp.from(m).dying }),
  inFlight: (m) => odp.from(m).count,
  // the release trampoline's start_account, which it never ends: exactly one while the umem is dying
  raisedByRelease: (m) => (odp.from(m).dying ? 1 : 0),
};
