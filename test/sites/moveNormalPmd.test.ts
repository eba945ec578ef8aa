/**
 * mm/mremap.c:move_page_tables (v5.0, x86 selects HAVE_MOVE_PMD): a whole,
 * PMD-aligned extent moves its PTE table with move_normal_pmd (PMD locks
 * only, pmd_clear + set_pmd_at, flush of the old range); other extents go
 * through move_ptes. With need_rmap_locks (copy_vma after a merge, move_vma's
 * backwards move) take_rmap_locks holds the anon_vma lock around each move.
 * The first and third tests fail on the model before (it moved entry by
 * entry into a new PTE table, without rmap locks).
 */
import { describe, expect, test } from 'vitest';
import { lockState } from '../../model/mm/locks.js';
import type { MmState } from '../../model/mm/MmState.js';
import { pmdAt, pteAt } from '../../model/mm/pageTable.js';
import { buildMmModel } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { explore, runInOrder, verdict } from './util/explore.js';

const geometry = { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 };
const base = (old: number, len: number, nw: number, end = 2): Scenario => ({
  name: 'mremap whole pmd',
  expect: 'ok',
  geometry,
  frames: 2,
  mms: [
    {
      vmas: [{ start: 0, end, prot: 'rw' }],
      mappings: [
        { addr: 0, write: true },
        { addr: 1, write: true },
      ],
    },
  ],
  threads: [{ name: 'mremap', op: 'mremap', args: { mm: 0, old, len, new: nw } }],
});
const tableAt = (s: MmState, addr: number): number | null => {
  const e = pmdAt(s, 0, addr);
  return e !== null && e.kind === 'table' ? e.table : null;
};

describe('move_page_tables: move_normal_pmd for a whole aligned PMD', () => {
  test('the PTE table itself moves to the new PMD, under the PMD lock only, after the range started', () => {
    const states = runInOrder(buildMmModel(base(0, 2, 2)));
    const t0 = tableAt(states[0]!, 0);
    const last = states.at(-1)!;
    expect(tableAt(last, 2)).toBe(t0);
    expect(pmdAt(last, 0, 0)).toBeNull();
    expect(pteAt(last, 0, 2)).toMatchObject({ kind: 'present', write: true });
    const moved = states.findIndex((s) => tableAt(s, 2) === t0);
    const at = states[moved]!;
    expect(lockState(at, 'pmd0.ptl')?.holder).toBe(0);
    expect(lockState(at, `pte${t0}.ptl`)?.holder ?? null).toBeNull();
    expect(at.threads[0]!.ranges[0]).toMatchObject({ site: '25' });
    expect(at.mms[0]!.tlb[0] ?? null).toBeNull();
  });
  test('a misaligned destination moves entry by entry (move_ptes) into a new PTE table', () => {
    const states = runInOrder(buildMmModel({ ...base(0, 2, 3), geometry: { ptesPerTable: 2, pmdsPerTable: 4, puds: 1 } }));
    const last = states.at(-1)!;
    expect(pteAt(last, 0, 3)).toMatchObject({ kind: 'present' });
    expect(pteAt(last, 0, 4)).toMatchObject({ kind: 'present' });
    expect(tableAt(last, 2)).not.toBe(tableAt(states[0]!, 0));
  });
  test('need_rmap_locks: the anon_vma lock is held while the PMD moves', () => {
    const sc: Scenario = {
      ...base(0, 2, 2, 2),
      mms: [
        {
          vmas: [
            { name: 'src', start: 0, end: 2, prot: 'rw', anonVma: 0 },
            { name: 'dst', start: 2, end: 4, prot: 'rw', anonVma: 0 },
          ],
          mappings: [
            { addr: 0, write: true },
            { addr: 1, write: true },
          ],
        },
      ],
      threads: [
        { name: 'move', op: 'move_page_tables', args: { vma: 'vma:src', old_addr: 0, new_vma: 'vma:dst', new_addr: 2, len: 2, need_rmap_locks: true } },
      ],
    };
    const states = runInOrder(buildMmModel(sc));
    const t0 = tableAt(states[0]!, 0);
    const at = states[states.findIndex((s) => tableAt(s, 2) === t0)]!;
    expect(lockState(at, 'anon_vma0.rwsem')?.holder).toBe(0);
    const last = states.at(-1)!;
    expect(lockState(last, 'anon_vma0.rwsem')?.holder ?? null).toBeNull();
    expect(tableAt(last, 2)).toBe(t0);
  });
  test('the whole-PMD move against a KVM guest read keeps every property', () => {
    const sc: Scenario = {
      ...base(0, 2, 2),
      mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [1] }],
      threads: [...base(0, 2, 2).threads, { name: 'guest', op: 'device_access', args: { m: 0, addr: 1, write: false } }],
    };
    expect(verdict(explore(sc))).toBe('ok');
  });
});
