/**
 * The mmu_gather batch that fills (scenario `gatherBatch`, model/mm/tlb.ts):
 * v5.0's __tlb_remove_page_size returns true when the page fills the batch
 * and tlb_next_batch cannot allocate another; its callers then flush and
 * free at once, inside the notifier range, instead of in tlb_finish_mmu
 * after invalidate_range_end. The full-batch tests fail on the model
 * before (its batch never filled); the default ones hold before and after
 * (a scenario that does not set `gatherBatch` keeps the old behaviour).
 */
import { describe, expect, test } from 'vitest';
import type { MmState } from '../../model/mm/MmState.js';
import { pmdAt, pteAt } from '../../model/mm/pageTable.js';
import { buildMmModel } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { runInOrder } from './util/explore.js';

/** The first state in which frame f loses a reference (with `free`: its last), and whether thread 0 then still has a started range. */
function droppedAt(states: readonly MmState[], f: number, free = true): { i: number; inRange: boolean } {
  const i = states.findIndex((s, k) => k > 0 && s.frames[f]!.ref < states[k - 1]!.frames[f]!.ref && (!free || s.frames[f]!.ref === 0));
  expect(i, `frame ${f} never loses a reference`).toBeGreaterThan(0);
  return { i, inRange: states[i]!.threads[0]!.ranges.some((r) => r !== null && r.phase === 'started') };
}
/** The first state in which frame f is freed (see droppedAt). */
const freedAt = (states: readonly MmState[], f: number) => droppedAt(states, f);

/** The states of `sc` run alone, and the frame its mm 0 maps at address 0 (a PTE or a huge PMD) at the start. */
function run(sc: Scenario, huge = false): { states: MmState[]; frame: number } {
  const states = runInOrder(buildMmModel(sc));
  const e = huge ? pmdAt(states[0]!, 0, 0) : pteAt(states[0]!, 0, 0);
  return { states, frame: (e as { frame: number }).frame };
}

const dontneed = (gatherBatch?: number): Scenario => ({
  name: 'dontneed two pages',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  ...(gatherBatch !== undefined ? { gatherBatch } : {}),
  mms: [
    {
      vmas: [{ start: 0, end: 2, prot: 'rw' }],
      mappings: [
        { addr: 0, write: true },
        { addr: 1, write: true },
      ],
    },
  ],
  threads: [{ name: 'dontneed', op: 'madvise_dontneed', args: { mm: 0, start: 0, end: 2 } }],
});

describe('zap_pte_range with a full batch', () => {
  test('breaks at the page, flushes under the PTE lock, frees it after the unlock and goes again from the next address', () => {
    const { states, frame: page0 } = run(dontneed(1));
    const page1 = (pteAt(states[0]!, 0, 1) as { frame: number }).frame;
    const { i, inRange } = freedAt(states, page0);
    expect(inRange).toBe(true); // freed inside #17's range
    expect(pteAt(states[i]!, 0, 1)).toMatchObject({ kind: 'present' }); // before page 1 is zapped: the loop goes on after
    expect(states[i]!.threads[0]!.held).toEqual(['mm0.mmap_sem:r']); // after pte_unmap_unlock
    const last = states.at(-1)!;
    expect(pteAt(last, 0, 1)).toBeNull();
    expect(freedAt(states, page1).inRange).toBe(true); // the second break ends the pass: no `again` past the end
  });
  test('by default the batch never fills: pages are freed in tlb_finish_mmu, after the range ended', () => {
    const { states, frame } = run(dontneed());
    expect(freedAt(states, frame).inRange).toBe(false);
  });
});

const munmapThp = (gatherBatch?: number): Scenario => ({
  name: 'munmap a THP',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  ...(gatherBatch !== undefined ? { gatherBatch } : {}),
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, huge: true, write: true }] }],
  threads: [{ name: 'munmap', op: 'munmap', args: { mm: 0, start: 0, end: 2 } }],
});

describe('zap_huge_pmd with a full batch', () => {
  test('tlb_remove_page_size calls tlb_flush_mmu: the THP is freed inside the range, after the CPU TLB flush', () => {
    const { states, frame } = run(munmapThp(1), true);
    const { i, inRange } = freedAt(states, frame);
    expect(inRange).toBe(true);
    expect(states[i]!.mms[0]!.tlb.every((e) => e === null)).toBe(true);
  });
  test('by default it is freed after the range ended', () => {
    const { states, frame } = run(munmapThp(), true);
    expect(freedAt(states, frame).inRange).toBe(false);
  });
});

const punchHole = (gatherBatch?: number): Scenario => ({
  name: 'hugetlb punch hole',
  expect: 'ok',
  geometry: { ptesPerTable: 1, pmdsPerTable: 1, puds: 1 },
  frames: 1,
  files: [1],
  ...(gatherBatch !== undefined ? { gatherBatch } : {}),
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw', shared: true, hugetlb: true, file: 0 }], mappings: [{ addr: 0, huge: true, write: true }] }],
  threads: [{ name: 'punch', op: 'hugetlbfs_punch_hole', args: { file: 0, start: 0, end: 1 } }],
});

describe('__unmap_hugepage_range with a full batch', () => {
  // the page cache keeps its own reference: the mapping's goes
  test("tlb_remove_page_size calls tlb_flush_mmu: the mapping's reference goes inside the range", () => {
    const { states, frame } = run(punchHole(1), true);
    expect(droppedAt(states, frame, false).inRange).toBe(true);
  });
  test("by default the mapping's reference goes after the range ended", () => {
    const { states, frame } = run(punchHole(), true);
    expect(droppedAt(states, frame, false).inRange).toBe(false);
  });
});
