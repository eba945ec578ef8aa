/**
 * RDMA on-demand paging (drivers/infiniband/core/umem_odp.c at v5.0, with
 * mlx5's invalidate_range): one umem covering the mm. start takes
 * per_mm->umem_rwsem for read (trylock when not blockable) and keeps it
 * until end; rbt_ib_umem_for_each_in_range returns -EAGAIN for a
 * non-blockable range that overlaps a umem -- with umem_rwsem still held, as
 * in v5.0. Per umem: notifiers_count and notifiers_seq under umem_mutex;
 * the fault (ib_umem_odp_map_dma_pages) snapshots the seq, gups, and maps
 * the page under umem_mutex unless ib_umem_mmu_notifier_retry.
 */
import type { Draft } from 'immer';
import { LockName } from '../mm/locks.js';
import type { MirrorState } from '../mm/MmState.js';
import { rangeOf } from '../mm/notifier/rangeInit.js';
import type { Program } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { canTake } from '../mm/locks.js';
import { sectionStep, trylockResult, unlockStep } from '../mm/step/steps.js';
import type { MirrorKind } from './MirrorKind.js';
import { dropEntries, mirrorLock, mirrorOf } from './mirrorLock.js';
import { retryFault, type SeqMirror } from './retryFault.js';
import { releaseProgram } from './releaseProgram.js';

/** `count` = umem_odp->notifiers_count, `seq` = umem_odp->notifiers_seq. */
export interface OdpState extends SeqMirror {
  readonly kind: 'odp';
}

const U = 'drivers/infiniband/core/umem_odp.c';
const rwsem = mirrorLock('umem_rwsem');
const mutex = mirrorLock('umem_mutex');
const odp = (c: { s: Parameters<typeof mirrorOf>[0] }, m: number) => mirrorOf<OdpState>(c.s, m) as Draft<OdpState>;

const start: Program = {
  name: 'odp.invalidate_range_start',
  locals: (a) => ({ m: a['m'] ?? null, r: a['r'] ?? null }),
  steps: [
    {
      label: 'down_read(&per_mm->umem_rwsem)',
      at: `${U}:ib_umem_notifier_invalidate_range_start`,
      // if (range->blockable) down_read(&per_mm->umem_rwsem); else if (!down_read_trylock(&per_mm->umem_rwsem)) return -EAGAIN;
      guard: (v) => !v.t.ranges[v.l['r'] as number]!.blockable || canTake(v.s, rwsem(v), 'r'),
      describe: (v) => (v.t.ranges[v.l['r'] as number]!.blockable ? undefined : trylockResult(v, rwsem(v), 0, 'r')),
      run: (c) => {
        if (!c.tryLock(rwsem(c), 'r')) {
          c.ret(-11);
          return DONE;
        }
        // rbt_ib_umem_for_each_in_range(..., blockable): /* TODO move the blockable decision up to the callback */ if (!blockable) return -EAGAIN;
        if (!rangeOf(c, c.n('r')).blockable) {
          c.ret(-11);
          return DONE;
        }
        return undefined;
      },
    },
    sectionStep('invalidate_range_start_trampoline', `${U}:invalidate_range_start_trampoline`, mutex, (c) => {
      // ib_umem_notifier_start_account(item): mutex_lock(&umem_odp->umem_mutex); notifiers_count++; mutex_unlock
      // item->umem.context->invalidate_range(item, start, end): mlx5_ib_invalidate_range under umem_mutex: zap the MTT entries, unmap DMA
      // (two umem_mutex sections, one step: nothing else of this thread happens in between)
      const m = c.n('m');
      const r = rangeOf(c, c.n('r'));
      odp(c, m).count += 1;
      dropEntries(c.s, m, r.start, r.end);
      c.ret(0);
      return DONE;
    }),
  ],
};

const end: Program = {
  name: 'odp.invalidate_range_end',
  locals: (a) => ({ m: a['m'] ?? null, r: a['r'] ?? null }),
  steps: [
    sectionStep('ib_umem_notifier_end_account', `${U}:ib_umem_notifier_end_account`, mutex, (c) => {
      // mutex_lock(&umem_odp->umem_mutex); ++umem_odp->notifiers_seq; if (--umem_odp->notifiers_count == 0) complete_all(...); mutex_unlock
      const k = odp(c, c.n('m'));
      k.seq += 1;
      k.count -= 1;
      return undefined;
    }),
    unlockStep('up_read(&per_mm->umem_rwsem)', `${U}:ib_umem_notifier_invalidate_range_end`, rwsem, 'r', (c) => {
      c.ret(0);
      return DONE;
    }),
  ],
};

export const odpMirror: MirrorKind = {
  kind: 'odp',
  description: 'RDMA ODP umem: umem_rwsem held across start..end, notifiers_count/seq, retrying page fault',
  source: 'drivers/infiniband/core/umem_odp.c, drivers/infiniband/hw/mlx5/odp.c',
  init: (cfg, pages): OdpState => ({ kind: 'odp', mm: cfg.mm, entries: new Array(pages).fill(null), count: 0, seq: 0 }),
  locks: (cfg) => [LockName.mirror(cfg.name, 'umem_rwsem'), LockName.mirror(cfg.name, 'umem_mutex')],
  programs: [
    // ib_umem_notifier_release: down_read(umem_rwsem); per umem ib_umem_notifier_release_trampoline: start_account (notifiers_count++, never
    // ended: the umem is dying), invalidate_range over the whole umem; up_read
    releaseProgram('odp', 'ib_umem_notifier_release_trampoline', `${U}:ib_umem_notifier_release`, mutex, (c) => void (odp(c, c.n('m')).count += 1)),
    start,
    end,
    retryFault({
      kind: 'odp',
      lock: mutex,
      snapshot: { label: 'current_seq = READ_ONCE(umem_odp->notifiers_seq)', at: `${U}:ib_umem_odp_map_dma_pages` },
      check: { label: 'ib_umem_mmu_notifier_retry', at: `${U}:ib_umem_odp_map_dma_single_page` },
      release: { label: 'put_page', at: `${U}:ib_umem_odp_map_dma_single_page` },
    }),
  ],
  describe: (m: MirrorState) => ({ notifiers_count: (m as OdpState).count, notifiers_seq: (m as OdpState).seq }),
  inFlight: (m: MirrorState) => (m as OdpState).count,
};
