/**
 * GPU userptr (drivers/gpu/drm/amd/amdgpu/amdgpu_mn.c, amdgpu_cs.c and
 * amdgpu_ttm.c at v5.0, the gfx flavour),
 * one userptr BO covering the mm.
 * start: amdgpu_mn_read_lock (mutex read_lock, trylock -> -EAGAIN when not
 * blockable; the first of nested invalidations takes amn->lock for read,
 * non-owner), then for the overlapping BO: -EAGAIN (after read_unlock) when
 * not blockable, else amdgpu_mn_invalidate_node: wait for the BO's fences
 * (no job uses its pages any more: the device entries go), then
 * amdgpu_ttm_tt_affect_userptr's mmu_invalidations++. The pages stay in
 * ttm->pages, pinned, until the next amdgpu_ttm_tt_set_user_pages.
 * end: amdgpu_mn_read_unlock (the last one releases amn->lock).
 * Command submission (amdgpu_cs_ioctl): amdgpu_cs_parser_bos's loop, per
 * pass: amdgpu_ttm_tt_userptr_invalidated samples mmu_invalidations into
 * e->user_invalidated and drops the page array got in the previous pass if
 * it changed; if amdgpu_ttm_tt_userptr_needs_pages (mmu_invalidations !=
 * last_set_pages) and no array: get_user_pages, and another pass.
 * amdgpu_cs_list_validate: if needs_pages, ttm_bo_validate to the CPU
 * domain (ttm_bo_move_ttm: wait for the BO's jobs, unbind it from the GART:
 * the device entries go), then amdgpu_ttm_tt_set_user_pages
 * (last_set_pages = mmu_invalidations now; the old ttm->pages put, the new
 * array pinned). amdgpu_cs_submit: amdgpu_mn_lock (down_write: waits for
 * every invalidation to end), needs_pages -> -ERESTARTSYS (the ioctl is
 * restarted), else the job runs on ttm->pages (the device entry); unlock.
 * Abstracted: amn->lock's writer is never visible (the submit check is one
 * step), jobs finish at once (no fences to wait for), the guptasks list
 * (invalidations caused by the gup itself do not count) and the parser's
 * 10-pass limit (-EDEADLK) are not modelled. A BO given no initial pages by
 * the scenario starts with last_set_pages = -1 (the pages are got by the
 * first submission, where the kernel's AMDGPU_GEM_USERPTR_VALIDATE would
 * get them at creation).
 */
import { getUserPages } from '../mm/fault/faultPrograms.js';
import { getPage, putPage } from '../mm/frames.js';
import { LockName } from '../mm/locks.js';
import { DEVICE_ACCESS, scenarioHasThread } from '../mm/mmTasks.js';
import type { MmState } from '../mm/MmState.js';
import { EAGAIN, EFAULT } from '../mm/errno.js';
import { rangeOf } from '../mm/notifier/rangeInit.js';
import { DONE, defineProgram } from '../mm/step/defineProgram.js';
import { blockableLockStep } from './blockableLock.js';
import { RANGE_PARAMS, type FaultArgs, rangeLocals } from './callbackArgs.js';
import type { MirrorBase, MirrorKind } from './MirrorKind.js';
import { dropEntries, mirrorLock, setEntry } from './mirrorLock.js';
import { mirrorState } from './mirrorState.js';
import { gupResult } from './retryFault.js';
import { releaseProgram } from './releaseProgram.js';

export type GpuState = MirrorBase & {
  readonly kind: 'gpu';
  /** amn->recursion: invalidations in flight holding amn->lock for read */
  readonly recursion: number;
  /** gtt->mmu_invalidations of the userptr BO */
  readonly invalidations: number;
  /** gtt->last_set_pages: mmu_invalidations when ttm->pages was last set (-1: never) */
  readonly lastSet: number;
  /** ttm->pages: per page the frame the BO pins (a page reference), or null */
  readonly pinned: readonly (number | null)[];
};

const G = 'drivers/gpu/drm/amd/amdgpu/amdgpu_mn.c';
const CS = 'drivers/gpu/drm/amd/amdgpu/amdgpu_cs.c';
const TTM = 'drivers/gpu/drm/amd/amdgpu/amdgpu_ttm.c';
const readLock = mirrorLock('read_lock');
const gpu = mirrorState<GpuState>('gpu');

/** amdgpu_ttm_tt_userptr_needs_pages: atomic_read(&gtt->mmu_invalidations) != gtt->last_set_pages */
const needsPages = (s: MmState, m: number): boolean => gpu.of(s, m).invalidations !== gpu.of(s, m).lastSet;

/**
 * The userptr BO's AMDGPU_GEM_USERPTR_READONLY is clear, the BO writable, when
 * a job of the scenario writes through it (a BO's flags are fixed at its
 * creation, whatever each job does): amdgpu_ttm.c:amdgpu_ttm_tt_get_user_pages
 * pins its pages with FOLL_WRITE and amdgpu_ttm_tt_pte_flags maps them
 * AMDGPU_PTE_WRITEABLE, for a reading job too. (Before, each job's own
 * direction chose both: a reading job's gup left the zero page in a BO that
 * a writing job then wrote through.)
 */
function boWritable(s: MmState, m: number): boolean {
  return scenarioHasThread(s, DEVICE_ACCESS, (a) => a['m'] === m && a['write'] === true);
}

const start = defineProgram({
  name: 'gpu.invalidate_range_start',
  file: G,
  params: RANGE_PARAMS,
  locals: rangeLocals,
  steps: ($) => [
    // if (blockable) mutex_lock(&amn->read_lock); else if (!mutex_trylock(&amn->read_lock)) return -EAGAIN;
    // (down_read of amn->lock never waits: the CS writer is one step)
    blockableLockStep($, 'amdgpu_mn_read_lock', readLock, {
      at: 'amdgpu_mn_read_lock',
      then: (c) => {
        // if (atomic_inc_return(&amn->recursion) == 1) down_read_non_owner(&amn->lock); mutex_unlock(&amn->read_lock);
        gpu.draft(c.s, c.l.m).recursion += 1;
        return undefined;
      },
    }),
    $.step('amdgpu_mn_invalidate_node', {
      at: 'amdgpu_mn_invalidate_range_start_gfx',
      run: (c) => {
        const m = c.l.m;
        const r = rangeOf(c, c.l.r);
        // it = interval_tree_iter_first(&amn->objects, range->start, end); while (it) { if (!range->blockable) { amdgpu_mn_read_unlock(amn); return -EAGAIN; } ...
        if (!r.blockable) {
          gpu.draft(c.s, m).recursion -= 1;
          c.ret(EAGAIN);
          return DONE;
        }
        // amdgpu_mn_invalidate_node: amdgpu_ttm_tt_affect_userptr -> atomic_inc(&gtt->mmu_invalidations);
        // reservation_object_wait_timeout_rcu(bo fences): no job uses the pages any more; amdgpu_ttm_tt_mark_user_pages
        // (the pages stay in ttm->pages, pinned, until the next amdgpu_ttm_tt_set_user_pages)
        gpu.draft(c.s, m).invalidations += 1;
        dropEntries(c.s, m, r.start, r.end);
        c.ret(0);
        return DONE;
      },
    }),
  ],
});

const end = defineProgram({
  name: 'gpu.invalidate_range_end',
  file: G,
  params: RANGE_PARAMS,
  locals: rangeLocals,
  steps: ($) => [
    $.step('amdgpu_mn_read_unlock', {
      at: 'amdgpu_mn_invalidate_range_end',
      run: (c) => {
        // if (atomic_dec_return(&amn->recursion) == 0) up_read_non_owner(&amn->lock);
        gpu.draft(c.s, c.l.m).recursion -= 1;
        c.ret(0);
        return DONE;
      },
    }),
  ],
});

const fault = defineProgram({
  name: 'gpu.fault',
  file: CS,
  params: ['m', 'addr', 'write'],
  // sample: e->user_invalidated; pfn: e->user_pages (pinned by gup), -1 = NULL
  // (the job's own direction, args.write, chooses nothing here: the BO's flags do, boWritable)
  locals: (a: FaultArgs) => ({ m: a.m, addr: a.addr, sample: 0, pfn: -1 }),
  steps: ($) => [
    $.step('amdgpu_ttm_tt_userptr_invalidated', {
      at: 'amdgpu_cs_parser_bos',
      run: (c) => {
        const m = c.l.m;
        // while (1) { ttm_eu_reserve_buffers(...); amdgpu_bo_list_for_each_userptr_entry(e, p->bo_list) {
        //   if (amdgpu_ttm_tt_userptr_invalidated(bo->tbo.ttm, &e->user_invalidated) && e->user_pages) { release_pages(e->user_pages); e->user_pages = NULL; }
        const prev = c.l.sample;
        c.l.sample = gpu.of(c.s, m).invalidations;
        if (prev !== c.l.sample && c.l.pfn >= 0) {
          putPage(c.s, c.l.pfn);
          c.l.pfn = -1;
        }
        //   if (amdgpu_ttm_tt_userptr_needs_pages(bo->tbo.ttm) && !e->user_pages) list_add(&e->tv.head, &need_pages); }
        // if (list_empty(&need_pages)) break;  ttm_eu_backoff_reservation; amdgpu_ttm_tt_get_user_pages(ttm, e->user_pages)
        if (needsPages(c.s, m) && c.l.pfn < 0) {
          // amdgpu_ttm_tt_get_user_pages: if (!(gtt->userflags & AMDGPU_GEM_USERPTR_READONLY)) flags |= FOLL_WRITE;
          return c.call(getUserPages, { mm: c.s.mirrors[m]!.mm, addr: c.l.addr, write: boWritable(c.s, m) }, 'pages');
        }
        return 'amdgpu_cs_list_validate';
      },
    }),
    // if (r) { kvfree(e->user_pages); e->user_pages = NULL; goto error_free_pages; }  else: list_splice(&need_pages, &p->validated) -- and try again
    $.local('pages', (c) => (gupResult(c) === DONE ? DONE : 'amdgpu_ttm_tt_userptr_invalidated'), `${TTM}:amdgpu_ttm_tt_get_user_pages`),
    $.step('amdgpu_cs_list_validate', {
      at: 'amdgpu_cs_list_validate',
      run: (c) => {
        const m = c.l.m;
        // if (amdgpu_ttm_tt_userptr_needs_pages(bo->tbo.ttm) && lobj->user_pages) { ttm_bo_validate(...CPU domain); amdgpu_ttm_tt_set_user_pages(bo->tbo.ttm, lobj->user_pages); ... }
        if (needsPages(c.s, m) && c.l.pfn >= 0) {
          // ttm_bo_validate(&bo->tbo, &bo->placement (AMDGPU_GEM_DOMAIN_CPU), &ctx): GTT -> SYSTEM is
          // drivers/gpu/drm/ttm/ttm_bo_util.c:ttm_bo_move_ttm: ttm_bo_wait(bo, ...) (the jobs on the BO end: at once here);
          // ttm_tt_unbind(ttm) -- the GPU's mapping of the BO's old pages goes before they are put below
          dropEntries(c.s, m, 0, gpu.of(c.s, m).pinned.length);
          // amdgpu_ttm_tt_set_user_pages: gtt->last_set_pages = atomic_read(&gtt->mmu_invalidations); for each page: if (ttm->pages[i]) put_page(ttm->pages[i]); ttm->pages[i] = pages[i];
          const g = gpu.draft(c.s, m);
          g.lastSet = g.invalidations;
          const old = g.pinned[c.l.addr];
          if (old !== null && old !== undefined) putPage(c.s, old);
          g.pinned[c.l.addr] = c.l.pfn;
          // amdgpu_cs_validate binds the BO to the new pages; kvfree(lobj->user_pages); lobj->user_pages = NULL;
          c.l.pfn = -1;
        }
        return undefined;
      },
    }),
    $.step('amdgpu_mn_lock', {
      at: 'amdgpu_cs_submit',
      // down_write(&amn->lock): waits until no invalidation holds it for read
      guard: (v) => gpu.of(v.s, v.l.m).recursion === 0,
      run: (c) => {
        const m = c.l.m;
        // if (amdgpu_ttm_tt_userptr_needs_pages(bo->tbo.ttm)) { r = -ERESTARTSYS; goto error_abort; }  (amdgpu_mn_unlock; the ioctl is restarted)
        if (needsPages(c.s, m)) return 'amdgpu_ttm_tt_userptr_invalidated';
        // the job is pushed: the GPU uses ttm->pages; amdgpu_mn_unlock(p->mn);
        const f = gpu.of(c.s, m).pinned[c.l.addr];
        if (f === null || f === undefined) {
          c.ret(EFAULT);
          return DONE;
        }
        // the GPU VM maps the BO's pages AMDGPU_PTE_WRITEABLE unless it is read-only (amdgpu_ttm.c:amdgpu_ttm_tt_pte_flags)
        setEntry(c.s, m, c.l.addr, f, boWritable(c.s, m));
        c.ret(0);
        return DONE;
      },
    }),
  ],
});

export const gpuMirror: MirrorKind = {
  kind: 'gpu',
  description: 'GPU userptr (amdgpu_mn gfx): read_lock trylock/-EAGAIN, invalidations counter, CS restart when pages changed',
  source: 'drivers/gpu/drm/amd/amdgpu/amdgpu_mn.c (v5.0)',
  init: (cfg, pages): GpuState => ({
    kind: 'gpu',
    mm: cfg.mm,
    entries: new Array(pages).fill(null),
    recursion: 0,
    invalidations: 0,
    lastSet: -1,
    pinned: new Array(pages).fill(null),
  }),
  locks: (cfg) => [LockName.mirror(cfg.name, 'read_lock')],
  programs: [
    // amdgpu_mn_release -> amdgpu_mn_destroy (work): down_write(&amn->lock); each BO: bo->mn = NULL (no job uses its pages; ttm->pages stay pinned until the BO goes)
    releaseProgram('gpu', 'amdgpu_mn_destroy', `${G}:amdgpu_mn_destroy`),
    start,
    end,
    fault,
  ],
  describe: (m) => {
    const g = gpu.from(m);
    return {
      recursion: g.recursion,
      mmu_invalidations: g.invalidations,
      last_set_pages: g.lastSet,
      pages: g.pinned.map((f) => (f === null ? '-' : `pfn${f}`)).join(' '),
    };
  },
  inFlight: (m) => gpu.from(m).recursion,
  pin: (s, m, addr, frame) => {
    // the BO was created with AMDGPU_GEM_USERPTR_VALIDATE: ttm->pages got (pinned) and bound, last_set_pages = mmu_invalidations (0)
    getPage(s, frame);
    const g = gpu.draft(s, m);
    g.pinned[addr] = frame;
    g.lastSet = g.invalidations;
  },
};
