/**
 * GPU userptr (drivers/gpu/drm/amd/amdgpu/amdgpu_mn.c at v5.0, the gfx
 * flavour; radeon_mn.c and i915_gem_userptr.c have the same shape), one
 * userptr BO covering the mm. start: amdgpu_mn_read_lock (mutex read_lock,
 * trylock -> -EAGAIN when not blockable; the first of nested invalidations
 * takes amn->lock for read, non-owner), then for the overlapping BO:
 * -EAGAIN (after read_unlock) when not blockable, else
 * amdgpu_mn_invalidate_node (wait for the BO's fences, mmu_invalidations++,
 * the BO's pages are no longer used). end: amdgpu_mn_read_unlock (the last
 * one releases amn->lock). Driver (command submission, amdgpu_cs.c):
 * snapshot mmu_invalidations, get_user_pages, amdgpu_mn_lock (down_write:
 * waits for every invalidation to end), -EAGAIN restart if
 * amdgpu_ttm_tt_userptr_needs_pages, else the job uses the pages; unlock.
 * The BO pins its pages (gtt->userptr pages keep the gup reference): an
 * entry holds a page reference, dropped when the invalidation marks the
 * pages (amdgpu_ttm_tt_mark_user_pages; the real release is at the next
 * unbind). The snapshot of mmu_invalidations is taken after gup, in
 * amdgpu_ttm_tt_set_user_pages, as in v5.0.
 * Abstracted: amn->lock's writer is never visible (the CS section is one
 * step), jobs finish at once (no fences to wait for), the guptasks list
 * (invalidations caused by the gup itself do not count) is not modelled.
 */
import type { Draft } from 'immer';
import { putPage } from '../mm/frames.js';
import { LockName, canTake } from '../mm/locks.js';
import type { MirrorState } from '../mm/MmState.js';
import { rangeOf } from '../mm/notifier/rangeInit.js';
import type { Program } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { trylockTaken, trylockWhenNonblocking } from '../mm/step/steps.js';
import type { MirrorBase, MirrorKind } from './MirrorKind.js';
import { dropEntries, mirrorLock, mirrorOf, setEntry } from './mirrorLock.js';
import { gupResult } from './retryFault.js';
import { releaseProgram } from './releaseProgram.js';

export interface GpuState extends MirrorBase {
  readonly kind: 'gpu';
  /** amn->recursion: invalidations in flight holding amn->lock for read */
  readonly recursion: number;
  /** gtt->mmu_invalidations of the userptr BO */
  readonly invalidations: number;
}

const G = 'drivers/gpu/drm/amd/amdgpu/amdgpu_mn.c';
const CS = 'drivers/gpu/drm/amd/amdgpu/amdgpu_cs.c';
const readLock = mirrorLock('read_lock');
const gpu = (s: Parameters<typeof mirrorOf>[0], m: number) => mirrorOf<GpuState>(s, m) as Draft<GpuState>;

/** Drops the BO's entries in [start, end) and the page references they pin. */
function dropPinned(s: Parameters<typeof mirrorOf>[0], m: number, start: number, end: number): void {
  gpu(s, m).entries.forEach((e, a) => {
    if (e && a >= start && a < end) putPage(s, e.frame);
  });
  dropEntries(s, m, start, end);
}

const start: Program = {
  name: 'gpu.invalidate_range_start',
  locals: (a) => ({ m: a['m'] ?? null, r: a['r'] ?? null }),
  steps: [
    {
      label: 'amdgpu_mn_read_lock',
      at: `${G}:amdgpu_mn_read_lock`,
      // blockable: mutex_lock(&amn->read_lock) (down_read of amn->lock never waits: the CS writer is one step)
      guard: (v) => !v.t.ranges[v.l['r'] as number]!.blockable || canTake(v.s, readLock(v)),
      ...trylockWhenNonblocking(readLock, (v) => v.t.ranges[v.l['r'] as number]!.blockable),
      run: (c) => {
        // else if (!mutex_trylock(&amn->read_lock)) return -EAGAIN;
        if (!rangeOf(c, c.n('r')).blockable && !trylockTaken(c, readLock(c))) {
          c.ret(-11);
          return DONE;
        }
        // if (atomic_inc_return(&amn->recursion) == 1) down_read_non_owner(&amn->lock); mutex_unlock(&amn->read_lock);
        gpu(c.s, c.n('m')).recursion += 1;
        return undefined;
      },
    },
    {
      label: 'amdgpu_mn_invalidate_node',
      at: `${G}:amdgpu_mn_invalidate_range_start_gfx`,
      run: (c) => {
        const m = c.n('m');
        const r = rangeOf(c, c.n('r'));
        // it = interval_tree_iter_first(&amn->objects, range->start, end); while (it) { if (!range->blockable) { amdgpu_mn_read_unlock(amn); return -EAGAIN; } ...
        if (!r.blockable) {
          gpu(c.s, m).recursion -= 1;
          c.ret(-11);
          return DONE;
        }
        // amdgpu_mn_invalidate_node: reservation_object_wait_timeout_rcu(bo fences); amdgpu_ttm_tt_affect_userptr -> atomic_inc(&gtt->mmu_invalidations)
        gpu(c.s, m).invalidations += 1;
        dropPinned(c.s, m, r.start, r.end);
        c.ret(0);
        return DONE;
      },
    },
  ],
};

const end: Program = {
  name: 'gpu.invalidate_range_end',
  locals: (a) => ({ m: a['m'] ?? null, r: a['r'] ?? null }),
  steps: [
    {
      label: 'amdgpu_mn_read_unlock',
      at: `${G}:amdgpu_mn_invalidate_range_end`,
      run: (c) => {
        // if (atomic_dec_return(&amn->recursion) == 0) up_read_non_owner(&amn->lock);
        gpu(c.s, c.n('m')).recursion -= 1;
        c.ret(0);
        return DONE;
      },
    },
  ],
};

const fault: Program = {
  name: 'gpu.fault',
  params: ['m', 'addr', 'write'],
  locals: (a) => ({ m: a['m'] ?? null, addr: a['addr'] ?? null, write: a['write'] ?? false, snap: 0, pfn: -1 }),
  steps: [
    {
      label: 'amdgpu_ttm_tt_get_user_pages',
      at: `${CS}:amdgpu_cs_parser_bos`,
      run: (c) => {
        // amdgpu_ttm_tt_get_user_pages: get_user_pages(...)
        return c.call('get_user_pages', { mm: c.s.mirrors[c.n('m')]!.mm, addr: c.n('addr'), write: c.l['write'] ?? false }, 'pages');
      },
    },
    {
      label: 'pages',
      at: `${CS}:amdgpu_cs_parser_bos`,
      local: true,
      run: gupResult,
    },
    {
      label: 'amdgpu_ttm_tt_set_user_pages',
      at: 'drivers/gpu/drm/amd/amdgpu/amdgpu_ttm.c:amdgpu_ttm_tt_set_user_pages',
      run: (c) => {
        // gtt->last_set_pages = atomic_read(&gtt->mmu_invalidations);
        c.l['snap'] = gpu(c.s, c.n('m')).invalidations;
        return undefined;
      },
    },
    {
      label: 'amdgpu_mn_lock',
      at: `${CS}:amdgpu_cs_submit`,
      // down_write(&amn->lock): waits until no invalidation holds it for read
      guard: (v) => (v.s.mirrors[v.l['m'] as number] as unknown as GpuState).recursion === 0,
      run: (c) => {
        const m = c.n('m');
        // if (amdgpu_ttm_tt_userptr_needs_pages(bo->tbo.ttm)) { r = -EAGAIN; goto error_abort; }  (the ioctl restarts)
        const stale = gpu(c.s, m).invalidations !== c.n('snap');
        if (stale) {
          // error_abort: the pages are released, the ioctl restarts
          putPage(c.s, c.n('pfn'));
          c.l['pfn'] = -1;
          return 'amdgpu_ttm_tt_get_user_pages';
        }
        // the job is pushed with the BO's pages (the BO keeps the gup reference); amdgpu_mn_unlock(p->mn);
        dropPinned(c.s, m, c.n('addr'), c.n('addr') + 1);
        setEntry(c.s, m, c.n('addr'), c.n('pfn'), c.l['write'] === true);
        c.l['pfn'] = -1;
        c.ret(0);
        return DONE;
      },
    },
  ],
};

export const gpuMirror: MirrorKind = {
  kind: 'gpu',
  description: 'GPU userptr (amdgpu_mn gfx): read_lock trylock/-EAGAIN, invalidations counter, CS restart when pages changed',
  source: 'drivers/gpu/drm/amd/amdgpu/amdgpu_mn.c (v5.0)',
  init: (cfg, pages): GpuState => ({ kind: 'gpu', mm: cfg.mm, entries: new Array(pages).fill(null), recursion: 0, invalidations: 0 }),
  locks: (cfg) => [LockName.mirror(cfg.name, 'read_lock')],
  programs: [
    // amdgpu_mn_release -> amdgpu_mn_destroy (work): down_write(&amn->lock); each BO: bo->mn = NULL (its pages are no longer used)
    releaseProgram('gpu', 'amdgpu_mn_destroy', `${G}:amdgpu_mn_destroy`, undefined, (c) => dropPinned(c.s, c.n('m'), 0, Number.MAX_SAFE_INTEGER)),
    start, end, fault,
  ],
  describe: (m: MirrorState) => ({ recursion: (m as GpuState).recursion, mmu_invalidations: (m as GpuState).invalidations }),
  inFlight: (m: MirrorState) => (m as GpuState).recursion,
  pinsPages: true,
};
