/**
 * copy_vma's vma_merge (model/mm/vmaMergePlan.ts, model/sites/vmaAdjust.ts,
 * mm/mmap.c v5.0): which neighbour an mremap'd range merges into, what
 * __vma_adjust leaves, and need_rmap_locks. Each mremap test fails on the
 * model before vma_merge (copy_vma always linked a fresh vma).
 */
import { describe, expect, test } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import type { MmState, Vma } from '../../model/mm/MmState.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { isMergeableAnonVma, vmaBefore, vmaMergePlan } from '../../model/mm/vmaMergePlan.js';
import { generateSweep } from '../../model/sweep/generateSweep.js';
import { SCOPES } from '../../model/sweep/SweepScope.js';
import { runInOrder } from './util/explore.js';

type VmaSpec = Scenario['mms'][number]['vmas'][number];

/** One mm of `vmas` over file 0 (8 pages), mremap(old, len -> new) alone; the states it passes. */
function mremapAlone(vmas: readonly VmaSpec[], old: number, len: number, to: number, mapped: readonly number[] = []): MmState[] {
  const sc: Scenario = {
    name: 'vma-merge',
    expect: 'ok',
    geometry: { ptesPerTable: 2, pmdsPerTable: 4, puds: 1 },
    frames: 4,
    files: [8],
    mms: [{ vmas: [...vmas], mappings: mapped.map((addr) => ({ addr })) }],
    threads: [{ name: 'mremap', op: 'mremap', args: { mm: 0, old, len, new: to } }],
  };
  return runInOrder(buildMmModel(sc));
}
const live = (s: MmState): { start: number; end: number; pgoff: number }[] =>
  s.mms[0]!.vmas.map((id) => s.vmas[id]!).map((v) => ({ start: v.start, end: v.end, pgoff: v.pgoff }));
/** The need_rmap_locks move_page_tables ran with (from the states it passed). */
const needRmapLocks = (states: readonly MmState[]): unknown => {
  for (const s of states) for (const f of s.threads[0]!.frames) if (f.prog === 'move_page_tables') return f.locals['need_rmap_locks'];
  return undefined;
};

const file = (name: string, start: number, end: number, pgoff: number, extra: Partial<VmaSpec> = {}): VmaSpec => ({
  name,
  start,
  end,
  prot: 'r',
  file: 0,
  pgoff,
  anonVma: 0,
  ...extra,
});

describe('vma_merge for mremap (copy_vma)', () => {
  test('case 3: the moved pages continue the next vma downwards; need_rmap_locks (0 <= 0)', () => {
    const states = mremapAlone([file('old', 0, 2, 0), file('next', 4, 6, 2)], 0, 2, 2, [0, 1]);
    const end = states.at(-1)!;
    expect(live(end)).toEqual([{ start: 2, end: 6, pgoff: 0 }]);
    expect(end.vmas.length).toBe(2); // no vma was linked
    expect(needRmapLocks(states)).toBe(true);
    expect(end.threads[0]!.rv).toBe(2); // mremap returns the new address
  });

  test('case 2: the moved pages continue the previous vma; need_rmap_locks (0 <= 1)', () => {
    const states = mremapAlone([file('prev', 0, 1, 0), file('src', 3, 4, 1)], 3, 1, 1, [3]);
    expect(live(states.at(-1)!)).toEqual([{ start: 0, end: 2, pgoff: 0 }]);
    expect(needRmapLocks(states)).toBe(true);
  });

  test('case 1: they fill the hole between prev and next, next is removed and freed', () => {
    const states = mremapAlone([file('prev', 0, 1, 0), file('next', 2, 3, 2), file('src', 3, 4, 1)], 3, 1, 1, [3]);
    const end = states.at(-1)!;
    expect(live(end)).toEqual([{ start: 0, end: 3, pgoff: 0 }]);
    const next = end.vmas[1]!;
    expect([next.live, next.inIMmap, next.inAnonVma]).toEqual([false, false, false]);
    expect(needRmapLocks(states)).toBe(true);
  });

  test('need_rmap_locks is new_vma->vm_pgoff <= vma->vm_pgoff: true at equal offsets, false when the merged vma starts higher', () => {
    // src [0,1) maps file page 2; next [5,7) maps pages 3 and 4: moving src to [4,5) continues next (pgoff 2 after the merge); 2 <= 2
    const a = mremapAlone([file('src', 0, 1, 2), file('next', 5, 7, 3)], 0, 1, 4, [0]);
    expect(live(a.at(-1)!)).toEqual([{ start: 4, end: 7, pgoff: 2 }]);
    expect(needRmapLocks(a)).toBe(true);
    // src [0,2) maps pages 0 and 1; its upper page moves to [4,5) in front of next [5,7) (pages 2, 3): new_vma->vm_pgoff 1 > vma->vm_pgoff 0
    const b = mremapAlone([file('src', 0, 2, 0), file('next', 5, 7, 2)], 1, 1, 4, [1]);
    expect(live(b.at(-1)!)).toEqual([
      { start: 0, end: 1, pgoff: 0 },
      { start: 4, end: 7, pgoff: 1 },
    ]);
    expect(needRmapLocks(b)).toBe(false);
  });

  test('no merge: another file offset, other flags, another anon_vma, or no neighbour: a fresh vma, no rmap locks', () => {
    for (const vmas of [
      [file('src', 0, 2, 0), file('next', 4, 6, 3)],
      [file('src', 0, 2, 0), file('next', 4, 6, 2, { prot: 'rw' })],
      [file('src', 0, 2, 0), file('next', 4, 6, 2, { anonVma: 1 })],
      [file('src', 0, 2, 0)],
    ]) {
      const states = mremapAlone(vmas, 0, 2, 2, [0]);
      const end = states.at(-1)!;
      expect(live(end)[0]).toEqual({ start: 2, end: 4, pgoff: 0 });
      expect(end.vmas.length).toBe(vmas.length + 1);
      expect(needRmapLocks(states)).toBe(false);
    }
  });

  test('overlapping old and new ranges are -EINVAL before anything is unmapped (mremap_to)', () => {
    const states = mremapAlone([file('src', 0, 2, 0)], 0, 2, 1, [0, 1]);
    const end = states.at(-1)!;
    expect(end.threads[0]!.rv).toBe(-22);
    expect(live(end)).toEqual([{ start: 0, end: 2, pgoff: 0 }]);
  });

  test('mremap of a hugetlb vma is -EINVAL (vma_to_resize)', () => {
    const states = mremapAlone([{ start: 0, end: 2, prot: 'rw', file: 0, shared: true, hugetlb: true }], 0, 2, 4);
    expect(states.at(-1)!.threads[0]!.rv).toBe(-22);
  });
});

describe("the sweep's moved-back layout (#25)", () => {
  test('every kind of the medium scope: mremap alone merges the page back into the first vma, with the rmap locks', () => {
    const configs = generateSweep(SCOPES.medium, { events: 'seed', sites: [25] }).configs.filter((c) => c.id.includes('@moved-back'));
    const alone = configs.filter((c) => c.threads.length === 1 && c.subscribers.length === 1);
    expect(new Set(alone.map((c) => c.id.replace(/-[0-9a-f]+$/, ''))).size).toBe(4);
    for (const c of alone) {
      const states = runInOrder(buildMmModel({ ...c.scenario, threads: c.scenario.threads.filter((t) => t.op === 'mremap') }));
      expect(live(states.at(-1)!), c.id).toEqual([{ start: 0, end: 2, pgoff: 0 }]);
      expect(needRmapLocks(states), c.id).toBe(true);
    }
  });
});

describe('vmaMergePlan and is_mergeable_anon_vma', () => {
  const v = (anonVma: number | null): Vma => ({
    id: 0,
    mm: 0,
    start: 0,
    end: 1,
    flags: {} as Vma['flags'],
    file: 0,
    pgoff: 0,
    anonVma,
    live: true,
    inAnonVma: true,
    inIMmap: true,
  });
  test('one side without an anon_vma merges only with a vma whose chain is a single entry, or with no vma given', () => {
    expect(isMergeableAnonVma(null, 3, v(3))).toBe(true);
    expect(isMergeableAnonVma(null, null, v(null))).toBe(true); // empty chain: falls to the equality
    expect(isMergeableAnonVma(3, null, v(null))).toBe(false);
    expect(isMergeableAnonVma(3, null, null)).toBe(true);
    expect(isMergeableAnonVma(3, 4, null)).toBe(false);
    expect(isMergeableAnonVma(3, 3, v(3))).toBe(true);
  });
  test('VM_SPECIAL (VM_PFNMAP) never merges; vmaBefore is find_vma_links prev', () => {
    const sc: Scenario = {
      name: 'plan',
      expect: 'ok',
      geometry: { ptesPerTable: 2, pmdsPerTable: 4, puds: 1 },
      frames: 1,
      files: [8],
      mms: [{ vmas: [file('a', 0, 2, 0), file('b', 4, 6, 4)] }],
      threads: [],
    };
    const s = buildMmModel(sc).initialStates()[0]!;
    expect(vmaBefore(s, 0, 2)).toBe(0);
    expect(vmaBefore(s, 0, 1)).toBe(null);
    const flags = s.vmas[0]!.flags;
    expect(vmaMergePlan(s, 0, 0, 2, 4, { flags, anonVma: 0, file: 0, pgoff: 2 })).toEqual({ vma: 0, start: 0, end: 6, pgoff: 0, remove: 1 });
    expect(vmaMergePlan(s, 0, 0, 2, 4, { flags: { ...flags, pfnmap: true }, anonVma: 0, file: 0, pgoff: 2 })).toBe(null);
  });
});
