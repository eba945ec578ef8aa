/**
 * Each mirror kind driven through the race its protocol was designed for,
 * exhaustively (engine bfs), plus the end-state coherence it must keep.
 */
import { describe, expect, it } from 'vitest';
import type { ExploreResult } from '../../src/engine/ExploreResult.js';
import { buildMmModel } from '../../model/MmModel.js';
import { bfs } from '../../src/engine/bfs.js';
import { replay } from '../../src/engine/replay.js';
import type { Property, StepProperty } from '../../src/engine/Property.js';
import type { MmState } from '../../model/mm/MmState.js';
import type { MmAction } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { coherentAtEnd, endsWith, noStaleEntry, reaches } from './util/checks.js';
import { nonblockZap } from './util/nonblockZap.js';
import { cpu, device, dontneed, oneMirror } from './util/scenarios.js';

function run(sc: Scenario, props: Property<MmState, MmAction>[]): ExploreResult {
  return bfs(buildMmModel(sc, { programs: [nonblockZap] }), [noStaleEntry, coherentAtEnd, ...props]);
}
const okOf = (r: ExploreResult) =>
  r.status === 'violation' ? r.violations.map((v) => `${v.property}: ${v.message}`) : r.status === 'model-error' ? r.message : r.status;
const nonblock = { name: 'reaper', op: 'test_nonblock_zap', args: { vma: 'vma:v0' }, sites: { test: { event: 'MMU_NOTIFY_UNMAP', vma: 'vma' } } } as const;
const started = (phase: string) => (s: MmState) => s.threads[0]!.ranges[0]?.phase === phase;

describe('RDMA ODP', () => {
  it('a fault that overlaps an invalidation retries', () => {
    const r = run(oneMirror('odp', [dontneed(), device()]), [reaches('odp-retry', 1, 'put_page (retry)')]);
    expect(okOf(r)).toBe('ok');
  });
  it('a non-blocking start fails with -EAGAIN and keeps umem_rwsem (v5.0)', () => {
    const r = run(oneMirror('odp', [nonblock]), [endsWith('failed', 0, (s) => started('failed')(s) && s.threads[0]!.held.includes('mir0.umem_rwsem:r'))]);
    expect(okOf(r)).toBe('ok');
  });
});

describe('HMM v5.2', () => {
  it('a fault waits until the range is valid again', () => {
    const r = run(oneMirror('hmm52', [dontneed(), device()]), [
      reaches('waits', 1, 'hmm_range_wait_until_valid', (s) => (s.mirrors[0] as unknown as { notifiers: number }).notifiers > 0),
    ]);
    expect(okOf(r)).toBe('ok');
  });
  it('a fault whose range goes invalid before the commit re-checks under the driver lock and retries', () => {
    const sc = oneMirror('hmm52', [dontneed(), device()], {}, []);
    const r = bfs(buildMmModel(sc), [reaches('invalid-at-commit', 1, 'up_read (retry)')]);
    expect(okOf(r)).toBe('ok');
  });
  it('finding: a range invalidated after the snapshot is valid again once notifiers drops to 0, so the commit is stale', () => {
    const r = run(oneMirror('hmm52', [dontneed(), device()], {}, []), []);
    expect(r.status === 'violation' && r.violations[0]!.property).toBe('no-stale-entry');
  });
  it('finding (v5.2 shadowed ret): a non-blocking sync that fails with -EAGAIN is swallowed, start returns 0 and the device keeps the page the zap frees', () => {
    const sc = oneMirror('hmm52', [nonblock, device()], {}, []);
    const model = buildMmModel(sc, { programs: [nonblockZap] });
    // the old model returned the sync's -EAGAIN from start (as v5.0's hmm_invalidate_range does), so the zap never ran
    const r = bfs(model, [noStaleEntry]);
    expect(r.status === 'violation' && r.violations[0]!.property).toBe('no-stale-entry');
    const last = replay(model, (r as Extract<ExploreResult, { status: 'violation' }>).violations[0]!.trace).final;
    expect(last.threads[0]!.ranges[0]?.phase).not.toBe('failed'); // started (open) or ended (removed)
    expect(last.threads[1]!.held).toContain('mir0.driver_mutex');
  });
  it('finding: a failed down_read_trylock(&hmm->mirrors_sem) (hmm_release holds it) returns -EAGAIN after notifiers++: no end, notifiers stays raised', () => {
    const exit = { name: 'exit', op: 'mmu_notifier_release', args: { mm: 0 } } as const;
    const sc = oneMirror('hmm52', [nonblock, exit], {}, [0]);
    const model = buildMmModel(sc, { programs: [nonblockZap] });
    const r = bfs(model, [
      endsWith(
        'leak',
        0,
        (s) => started('failed')(s) && (s.mirrors[0] as unknown as { notifiers: number }).notifiers === 1 && s.threads[1]!.held.includes('mir0.mirrors_sem'),
      ),
    ]);
    expect(okOf(r)).toBe('ok');
  });
});

describe('trylock in a non-blockable start', () => {
  it('HMM v5.2: mutex_trylock(&hmm->lock) may fail while a fault registers its range (-EAGAIN before notifiers++)', () => {
    const sc = oneMirror('hmm52', [nonblock, device()], {}, []);
    const r = bfs(
      buildMmModel(sc, { programs: [nonblockZap] }),
      [endsWith('benign-eagain', 0, (s) => started('failed')(s) && (s.mirrors[0] as unknown as { notifiers: number }).notifiers === 0)],
      { allViolations: true },
    );
    // (the old model's deadlock here came from the sync -EAGAIN, which v5.2 swallows)
    expect(okOf(r)).toBe('ok');
  });
});

describe('HMM v5.0', () => {
  it('a fault whose range is invalidated before hmm_vma_range_done retries', () => {
    const r = bfs(buildMmModel(oneMirror('hmm50', [dontneed(), device()], {}, [])), [reaches('range-invalidated', 1, 'mutex_unlock (retry)')]);
    expect(okOf(r)).toBe('ok');
  });
  it('finding: a range registered after invalidate_range_start is committed stale (fixed by the v5.2 notifiers count)', () => {
    const r = run(oneMirror('hmm50', [dontneed(), device()], {}, []), []);
    expect(r.status === 'violation' && r.violations[0]!.property).toBe('no-stale-entry');
  });
});

describe('GPU userptr', () => {
  const inv = (s: MmState) => (s.mirrors[0] as unknown as { invalidations: number }).invalidations;
  it('a submission that finds an invalidation since its pages were set restarts (amdgpu_cs_submit: -ERESTARTSYS)', () => {
    const sc = oneMirror('gpu', [dontneed(), device()], {}, []);
    const r = bfs(buildMmModel(sc), [
      reaches(
        'cs-restart',
        1,
        'amdgpu_ttm_tt_userptr_invalidated',
        (s) => s.threads[1]!.frames.length === 2 && (s.mirrors[0] as unknown as { lastSet: number }).lastSet === 0 && inv(s) === 1,
      ),
    ]);
    expect(okOf(r)).toBe('ok');
  });
  it('the BO keeps its pages pinned across an invalidation (ttm->pages until the next set_user_pages)', () => {
    // the old model dropped the pin at invalidate_range_start, so the zap freed the page
    const sc = oneMirror('gpu', [dontneed()], {}, [0]);
    const r = bfs(buildMmModel(sc), [
      endsWith('pinned', 0, (s) => s.frames[0]!.kind !== 'free' && (s.mirrors[0] as unknown as { pinned: (number | null)[] }).pinned[0] === 0),
    ]);
    expect(okOf(r)).toBe('ok');
  });
  it('an invalidation between two passes of the parser loop makes the next pass release the pages got and get them again', () => {
    // the old model had no such check: its snapshot was taken once, after gup, and nothing was released before the submit
    const released: StepProperty<MmState, MmAction> = {
      name: 'released',
      description: 'the submission releases a page array got before an invalidation',
      kind: 'step',
      check: (prev, a, next) => {
        const f = prev.threads[1]!.frames;
        const top = f[f.length - 1];
        if (a.thread !== 1 || !top || top.prog !== 'gpu.fault' || top.pc !== 'amdgpu_ttm_tt_userptr_invalidated') return undefined;
        return next.frames[0]!.ref < prev.frames[0]!.ref ? 'released' : undefined;
      },
    };
    const r = bfs(buildMmModel(oneMirror('gpu', [dontneed(), device()], {}, [])), [released]);
    expect(r.status === 'violation' && r.violations[0]!.property).toBe('released');
  });
  it('finding: an invalidation that started before the submission sampled, whose PTE clear follows the gup, is committed', () => {
    const r = run(oneMirror('gpu', [dontneed(), device()], {}, []), []);
    expect(r.status === 'violation' && r.violations[0]!.property).toBe('coherent-at-end');
    const model = buildMmModel(oneMirror('gpu', [dontneed(), device()], {}, []));
    const rp = replay(model, (r as Extract<ExploreResult, { status: 'violation' }>).violations[0]!.trace);
    const labels = rp.actions.map((a, i) => model.describeAction(rp.states[i]!, a));
    const started = labels.findIndex((l) => l.label.includes('amdgpu_mn_invalidate_node'));
    const sampled = labels.findIndex((l) => l.label.includes('amdgpu_ttm_tt_userptr_invalidated'));
    expect(started).toBeGreaterThanOrEqual(0);
    expect(started).toBeLessThan(sampled);
  });
  it('a non-blocking start fails with -EAGAIN on an overlapping BO', () => {
    const r = run(oneMirror('gpu', [nonblock]), [endsWith('failed', 0, started('failed'))]);
    expect(okOf(r)).toBe('ok');
  });
});

describe('SVA / IOMMU', () => {
  it('the IOTLB is flushed by invalidate_range before the page is freed', () => {
    const r = run(oneMirror('sva', [dontneed(), device(), cpu()]), [
      // the IOTLB entry of page 0 is gone while the range is open and before frame 0 is freed: only invalidate_range drops it
      {
        name: 'flushed',
        description: 'the IOTLB entry of the cleared page 0 is gone while the range is open and frame 0 is not yet freed',
        kind: 'reachable',
        check: (s) =>
          s.threads[0]!.ranges[0]?.phase === 'started' &&
          s.mms[0]!.tlb[0] === null &&
          (s.mirrors[0] as unknown as { entries: unknown[] }).entries[0] === null &&
          s.frames[0]!.kind !== 'free',
      },
    ]);
    expect(okOf(r)).toBe('ok');
  });
});

describe('event-aware mirror', () => {
  it('keeps coherence with the right event and vma', () => {
    const r = run(oneMirror('aware', [dontneed(), device()], { sites: { '17': { event: 'MMU_NOTIFY_CLEAR', vma: 'vma' } } }), [
      reaches('aware-retry', 1, 'put_page (retry)'),
    ]);
    expect(okOf(r)).toBe('ok');
  });
  it('a wrong event (SOFT_DIRTY on a site that frees pages) leaves a stale entry', () => {
    const r = run(oneMirror('aware', [dontneed()], { sites: { '17': { event: 'MMU_NOTIFY_SOFT_DIRTY', vma: 'vma' } } }), []);
    expect(r.status).toBe('violation');
  });
  it('a wrong event (PROTECTION_VMA) keeps a read-only entry to a freed page', () => {
    const r = run(oneMirror('aware', [dontneed()], { sites: { '17': { event: 'MMU_NOTIFY_PROTECTION_VMA', vma: 'vma' } } }), []);
    expect(r.status).toBe('violation');
  });
});
