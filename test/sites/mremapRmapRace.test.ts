/**
 * The v5.0 race between mremap's whole-table move and an rmap walker
 * (fixed in v5.14 by "mm/mremap: hold the rmap lock in write mode when moving
 * page table entries", which names the v5.0 move_normal_pmd commit in Fixes):
 * mremap of a fresh vma passes need_rmap_locks = false, so move_normal_pmd
 * moves the PTE table under the PMD locks only while try_to_unmap_one holds
 * that table's PTE lock. The walker then clears the PTE through its pointer
 * (now mapping the new address) inside a range and a TLB flush that cover
 * the old address only. Fails on the model before (entry-by-entry move under
 * the PTE lock; and a walker that re-resolved its PTE by address).
 */
import { describe, expect, test } from 'vitest';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { explore } from './util/explore.js';

const sc: Scenario = {
  name: 'mremap pmd vs reclaim',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  files: [2],
  mms: [
    {
      vmas: [{ name: 'file', start: 0, end: 2, prot: 'r', shared: true, file: 0 }],
      mappings: [
        { addr: 0, young: false },
        { addr: 1, young: false },
      ],
    },
  ],
  threads: [
    { name: 'mremap', op: 'mremap', args: { mm: 0, old: 0, len: 2, new: 2 } },
    { name: 'kswapd', op: 'shrink_page_list', args: { file: 0, index: 0 } },
  ],
};

describe('mremap move_normal_pmd vs try_to_unmap_one (need_rmap_locks = false)', () => {
  test('the walker clears the moved PTE at the new address outside its range (change-covered)', () => {
    const r = explore(sc);
    expect(r.status).toBe('violation');
    const v = r.status === 'violation' ? r.violations[0]! : null;
    expect(v?.property).toBe('change-covered');
    expect(v?.message).toMatch(/addr=0x2000 site=kswapd\/try_to_unmap_one:ptep_get_and_clear/);
  });
});
