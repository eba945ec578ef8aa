/**
 * Model fidelity: three places where the model did what v5.0 does not, found
 * by `mnc random mm-random` (bench/RESULTS.md, "model issues"). Each test
 * fails on the model before its fix.
 *  1. mm/huge_memory.c:zap_huge_pmd holds the PMD lock (__pmd_trans_huge_lock)
 *     across pmdp_huge_get_and_clear_full (pte-under-ptl).
 *  2. mm/mmap.c:__split_vma -> mm/hugetlb.c:hugetlb_vm_op_split refuses a
 *     hugetlb split that is not huge-page aligned: __do_munmap returns
 *     -EINVAL and nothing is unmapped (change-covered).
 *  3. fs/proc/task_mmu.c:clear_refs_write walks with no .hugetlb_entry, so
 *     mm/pagewalk.c:__walk_page_range skips hugetlb vmas: their PMDs keep write.
 */
import { describe, expect, test } from 'vitest';
import { lockState } from '../../model/mm/locks.js';
import type { MmState } from '../../model/mm/MmState.js';
import { pmdAt, pteAt } from '../../model/mm/pageTable.js';
import type { MmModel } from '../../model/MmModel.js';
import { buildMmModel } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { mmProperties } from '../../properties/mmProperties.js';
import { bfs } from '../../src/engine/bfs.js';
import type { ExploreResult } from '../../src/engine/ExploreResult.js';

/** BFS with every property; `reach` names the reachability guards (default: the scenario's inferred ones). */
const explore = (sc: Scenario, reach?: readonly string[]): ExploreResult => bfs(buildMmModel(sc), mmProperties(sc, reach));
const verdict = (r: ExploreResult): string =>
  r.status === 'violation'
    ? `violation ${r.violations.map((v) => `${v.property}: ${v.message}`).join('; ')}`
    : r.status === 'model-error'
      ? `model-error ${r.message}`
      : r.status;

/** Runs thread 0 alone to its end (its first enabled action each time). */
function runAlone(m: MmModel): MmState {
  let s = m.initialStates()[0]!;
  const acts: { thread: number; outcome: number }[] = [];
  for (let i = 0; i < 1000; i++) {
    acts.length = 0;
    m.actions(s, acts);
    const a = acts.find((x) => x.thread === 0);
    if (!a) return s;
    s = m.nextState(s, a);
  }
  throw new Error('thread 0 did not end in 1000 steps');
}

describe('zap_huge_pmd holds the PMD lock across the clear', () => {
  // mm-random seed 1, pte-under-ptl, shrunk: one anonymous vma [0,2) mapped by a huge PMD, madvise_dontneed 0-2
  const base: Scenario = {
    name: 'fidelity: dontneed of a whole THP',
    expect: 'ok',
    geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
    frames: 2,
    mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, huge: true }] }],
    threads: [{ name: 'dontneed', op: 'madvise_dontneed', args: { mm: 0, start: 0, end: 2 } }],
  };
  test('a whole-THP zap keeps every property (pte-under-ptl failed before)', () => {
    expect(verdict(explore(base))).toBe('ok');
  });
  test('the same zap against a KVM guest write through its spte', () => {
    const sc: Scenario = {
      ...base,
      mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, huge: true, write: true }] }],
      mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0, 1] }],
      threads: [...base.threads, { name: 'guest', op: 'device_access', args: { m: 0, addr: 1, write: true } }],
    };
    expect(verdict(explore(sc))).toBe('ok');
  });
  test('the PMD lock is held in the state where the huge PMD is gone, and the page is freed at the end', () => {
    const m = buildMmModel(base);
    let s = m.initialStates()[0]!;
    const acts: { thread: number; outcome: number }[] = [];
    let seen = false;
    for (let i = 0; i < 100; i++) {
      acts.length = 0;
      m.actions(s, acts);
      if (acts.length === 0) break;
      const next = m.nextState(s, acts[0]!);
      if (pmdAt(s, 0, 0) !== null && pmdAt(next, 0, 0) === null) {
        expect(lockState(next, 'pmd0.ptl')?.holder).toBe(0);
        seen = true;
      }
      s = next;
    }
    expect(seen).toBe(true);
    expect(lockState(s, 'pmd0.ptl')?.holder ?? null).toBeNull();
    expect(s.frames[0]!.kind).toBe('free');
  });
});

describe('munmap of a hugetlb vma at an address that is not huge-page aligned fails with -EINVAL', () => {
  // mm-random seed 1, change-covered, shrunk: a hugetlbfs vma [0,2) (2 pages per huge page), munmap [0,1)
  const vma = { start: 0, end: 2, prot: 'rw', shared: true, hugetlb: true, file: 0 } as const;
  const sc = (end: number): Scenario => ({
    name: `fidelity: munmap [0,${end}) of a hugetlb vma`,
    expect: 'ok',
    geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
    frames: 2,
    files: [2],
    mms: [{ vmas: [vma], mappings: [{ addr: 0, huge: true, write: true }] }],
    mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0, 1] }],
    threads: [{ name: 'munmap', op: 'munmap', args: { mm: 0, start: 0, end } }],
  });
  test('every safety property holds against a CPU fault on the other half (change-covered failed before)', () => {
    // the shrunk draw: the vma starts unmapped, a CPU read of page 1 faults the huge page in while munmap runs
    const drawn: Scenario = {
      ...sc(1),
      frames: 1,
      mms: [{ vmas: [vma] }],
      mirrors: [],
      threads: [...sc(1).threads, { name: 'cpu0', op: 'cpu_access', args: { mm: 0, addr: 1, write: false } }],
    };
    // no guard: the refused munmap starts no range
    expect(verdict(explore(drawn, []))).toBe('ok');
  });
  test('nothing is unmapped, the vma stays whole and munmap returns -EINVAL', () => {
    const s = runAlone(buildMmModel(sc(1)));
    expect(s.threads[0]!.rv).toBe(-22);
    expect(s.mms[0]!.vmas.map((id) => [s.vmas[id]!.start, s.vmas[id]!.end])).toEqual([[0, 2]]);
    expect(pmdAt(s, 0, 0)).toMatchObject({ kind: 'huge', write: true });
    expect((s.mirrors[0]!['entries'] as readonly unknown[])[0]).not.toBeNull();
    expect(lockState(s, 'mm0.mmap_sem')?.holder ?? null).toBeNull();
  });
  test('an aligned munmap of the whole vma still unmaps it', () => {
    const s = runAlone(buildMmModel(sc(2)));
    expect(s.threads[0]!.rv).toBe(0);
    expect(s.mms[0]!.vmas).toEqual([]);
    expect(pmdAt(s, 0, 0)).toBeNull();
  });
});

describe('clear_refs_write does not walk hugetlb vmas', () => {
  // A hugetlbfs vma mapped writable and an anonymous vma beside it; clear_refs soft-dirty on the mm.
  const sc: Scenario = {
    name: 'fidelity: clear_refs over a hugetlb vma',
    expect: 'ok',
    geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
    frames: 3,
    files: [2],
    mms: [
      {
        vmas: [
          { start: 0, end: 2, prot: 'rw', shared: true, hugetlb: true, file: 0 },
          { start: 2, end: 3, prot: 'rw' },
        ],
        mappings: [
          { addr: 0, huge: true, write: true },
          { addr: 2, write: true },
        ],
      },
    ],
    threads: [{ name: 'clear_refs', op: 'clear_refs_write', args: { mm: 0 } }],
  };
  test('the hugetlb PMD stays writable (it became read-only before); the anonymous PTE is write-protected', () => {
    const s = runAlone(buildMmModel(sc));
    expect(pmdAt(s, 0, 0)).toMatchObject({ kind: 'huge', write: true });
    expect(s.threads[0]!.frames).toEqual([]);
    expect(pteAt(s, 0, 2)).toMatchObject({ kind: 'present', write: false, softDirty: false });
  });
  test('with the PMD table shared by a second mm, every property holds (change-covered failed before)', () => {
    // mm1 maps the same file and faults first: huge_pmd_share gives mm1 mm0's PMD table
    const vma = { start: 0, end: 4, prot: 'rw', shared: true, hugetlb: true, file: 0 } as const;
    const shared: Scenario = {
      name: 'fidelity: clear_refs over a shared hugetlb PMD table',
      expect: 'ok',
      geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
      frames: 2,
      files: [4],
      mms: [{ vmas: [vma], mappings: [{ addr: 0, huge: true, write: true }] }, { vmas: [vma] }],
      threads: [
        { name: 'sharer', op: 'do_user_addr_fault', args: { mm: 1, addr: 0, write: false } },
        { name: 'clear_refs', op: 'clear_refs_write', args: { mm: 0 } },
      ],
    };
    expect(verdict(explore(shared))).toBe('ok');
  });
});

describe('4. mprotect of a hugetlb vma (mm/mprotect.c:mprotect_fixup, change_protection)', () => {
  const hugetlbMprotect = (end: number): Scenario => ({
    name: `mprotect-hugetlb-0-${end}`,
    expect: 'ok',
    geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
    frames: 4,
    files: [4],
    mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw', shared: true, hugetlb: true, file: 0 }], mappings: [{ addr: 0, write: true, huge: true }] }],
    threads: [{ name: 'mprotect', op: 'mprotect', args: { mm: 0, start: 0, end, prot: 'r' } }],
  });

  test('a split inside a huge page is refused: -EINVAL, the vma whole and still writable', () => {
    const s = runAlone(buildMmModel(hugetlbMprotect(1)));
    expect(s.threads[0]!.rv).toBe(-22);
    expect(s.mms[0]!.vmas).toHaveLength(1);
    const v = s.vmas[s.mms[0]!.vmas[0]!]!;
    expect([v.start, v.end, v.flags.write]).toEqual([0, 2, true]);
    expect(pmdAt(s, 0, 0)).toMatchObject({ kind: 'huge', write: true });
  });

  test('the whole vma goes through hugetlb_change_protection (#10), not change_pmd_range (#24)', () => {
    const m = buildMmModel(hugetlbMprotect(2));
    const sites = new Set<string>();
    let s = m.initialStates()[0]!;
    const acts: { thread: number; outcome: number }[] = [];
    for (let i = 0; i < 1000; i++) {
      acts.length = 0;
      m.actions(s, acts);
      if (acts.length === 0) break;
      s = m.nextState(s, acts[0]!);
      for (const r of s.threads[0]!.ranges) if (r) sites.add(r.site);
    }
    expect([...sites]).toEqual(['10']);
    expect(s.threads[0]!.rv).toBe(0);
    expect(pmdAt(s, 0, 0)).toMatchObject({ kind: 'huge', write: false });
    expect(verdict(explore(hugetlbMprotect(2)))).toBe('ok');
  });
});
