/**
 * mm/khugepaged.c (v5.0): khugepaged_scan_pmd and __collapse_huge_page_isolate
 * refuse a page with page_count != 1 + PageSwapCache ("can't collapse if
 * there's a gup pin"). In the model the GPU's BO pins its pages and every
 * mirror fault holds a gup reference between get_user_pages and put_page;
 * KVM, ODP, HMM and SVA entries hold none. The pinned cases fail on the
 * model before the check (it collapsed them).
 */
import { describe, expect, test } from 'vitest';
import { lockState } from '../../model/mm/locks.js';
import { pmdAt, pteAt } from '../../model/mm/pageTable.js';
import { buildMmModel } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { explore, runInOrder, stepper, verdict } from './util/explore.js';

const sc = (kind: string, entries: number[], guest: boolean): Scenario => ({
  name: 'collapse vs pin',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 3,
  mms: [
    {
      vmas: [{ start: 0, end: 2, prot: 'rw' }],
      mappings: [
        { addr: 0, write: true },
        { addr: 1, write: true },
      ],
    },
  ],
  mirrors: [{ name: 'm0', kind, mm: 0, entries }],
  threads: [
    { name: 'khugepaged', op: 'khugepaged_collapse', args: { mm: 0, addr: 0 } },
    ...(guest ? [{ name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } }] : []),
  ],
});

describe('khugepaged does not collapse a page pinned by gup', () => {
  test('a KVM spte holds no reference: the two pages are collapsed into a THP', () => {
    const last = runInOrder(buildMmModel(sc('kvm', [0], false))).at(-1)!;
    expect(pmdAt(last, 0, 0)?.kind).toBe('huge');
  });
  test('a GPU BO pins page 0 (page_count 2): the collapse is refused, the PTEs stay', () => {
    const last = runInOrder(buildMmModel(sc('gpu', [0], false))).at(-1)!;
    expect(pmdAt(last, 0, 0)?.kind).toBe('table');
    expect(pteAt(last, 0, 0)).toMatchObject({ kind: 'present', write: true });
    expect(last.frames.filter((f) => f.kind !== 'free' && f.huge)).toHaveLength(0); // the preallocated huge page was freed
  });
  test('a KVM fault between get_user_pages and put_page holds a reference: the collapse is refused', () => {
    const { step, state } = stepper(buildMmModel(sc('kvm', [], true)));
    const page0 = (pteAt(state(), 0, 0) as { frame: number }).frame;
    for (let i = 0; i < 100 && !(state().frames[page0]!.ref === 2 && lockState(state(), 'mm0.mmap_sem')?.readers === 0); i++) step(1);
    expect(state().frames[page0]!.ref).toBe(2);
    while (step(0));
    expect(pmdAt(state(), 0, 0)?.kind).toBe('table');
  });
  test('every interleaving of the collapse with a KVM fault keeps every property', () => {
    expect(verdict(explore(sc('kvm', [], true)))).toBe('ok');
  });
});
