/**
 * madvise(MADV_FREE) stops at the first vma it refuses, as v5.0
 * mm/madvise.c:madvise does (`error = madvise_vma(...); if (error) goto
 * out;`): madvise_dontneed_free returns -EINVAL for a VM_LOCKED, VM_HUGETLB
 * or VM_PFNMAP vma (can_madv_dontneed_vma), madvise_free_single_vma for one
 * that is not anonymous. The model returned 0 for a hugetlb vma, went on past
 * a locked or file vma, and returned 0 whatever madvise_free_single_vma said.
 * One thread alone, run to its end.
 */
import { describe, expect, test } from 'vitest';
import type { MmState } from '../../model/mm/MmState.js';
import { buildMmModel } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { EINVAL } from '../../model/mm/errno.js';

const madvFree = (first: Record<string, unknown>): Scenario => ({
  name: 'madv-free-stops-at-an-error',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 4,
  files: [2],
  mms: [
    {
      vmas: [
        { start: 0, end: 1, prot: 'rw', ...first },
        { start: 1, end: 2, prot: 'rw' },
      ],
      mappings: [{ addr: 1, write: true, dirty: true }],
    },
  ],
  threads: [{ name: 'madvise', op: 'madvise_free', args: { mm: 0, start: 0, end: 2 } }],
  profile: 'seed',
});

/** Runs the only thread to its end: its return value and the final state. */
function run(sc: Scenario): { rv: unknown; s: MmState } {
  const m = buildMmModel(sc);
  let s = m.initialStates()[0]!;
  for (let i = 0; i < 500 && !m.isDone(s); i++) {
    const acts: { thread: number; outcome: number }[] = [];
    m.actions(s, acts);
    s = m.nextState(s, acts[0]!);
  }
  expect(m.isDone(s)).toBe(true);
  return { rv: s.threads[0]!.rv, s };
}

/** The PTE of page `addr` in mm0. */
const pte = (s: MmState, addr: number) => {
  const g = s.cfg.geometry;
  const t = s.pmdTables[s.mms[0]!.pud[0]!]!.entries[Math.floor(addr / g.ptesPerTable)]!;
  return t.kind === 'table' ? s.pteTables[t.table]!.ptes[addr % g.ptesPerTable] : null;
};

describe('madvise(MADV_FREE) stops at the first vma it refuses', () => {
  test.each([
    ['VM_LOCKED', { locked: true }],
    ['a file vma (not anonymous)', { file: 0, shared: true }],
  ])('%s first: -EINVAL, the anonymous vma after it untouched (its PTE still dirty)', (_, first) => {
    const { rv, s } = run(madvFree(first));
    expect(rv).toBe(EINVAL);
    expect(pte(s, 1)).toMatchObject({ kind: 'present', dirty: true });
  });

  test('an anonymous vma alone: 0, its PTE made clean', () => {
    const { rv, s } = run({ ...madvFree({}), mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 1, write: true, dirty: true }] }] });
    expect(rv).toBe(0);
    expect(pte(s, 1)).toMatchObject({ kind: 'present', dirty: false });
  });
});
