/**
 * mm/memory.c:free_pgtables (v5.0) hides each detached vma from rmap before
 * remove_vma frees it: unlink_anon_vmas (the anon_vma root's rwsem for write)
 * and unlink_file_vma (i_mmap_rwsem for write). A reclaim walker racing a
 * munmap (or mremap's unmap of the old vma) either holds the rmap lock across
 * its visit of the vma, so the unlink waits, or starts after it and no longer
 * finds the vma. Fails on the model before (free_pgtables was a no-op in
 * do_munmap and the rmap trees were "every live vma": the walker met the vma
 * freed under its range, range-vma).
 */
import { describe, expect, test } from 'vitest';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { explore, verdict } from './util/explore.js';

const fileSc: Scenario = {
  name: 'munmap vs reclaim (file)',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  files: [2],
  mms: [{ vmas: [{ name: 'file', start: 0, end: 2, prot: 'r', shared: true, file: 0 }], mappings: [{ addr: 0, young: false }] }],
  threads: [
    { name: 'munmap', op: 'munmap', args: { mm: 0, start: 0, end: 2 } },
    { name: 'kswapd', op: 'shrink_page_list', args: { file: 0, index: 0 } },
  ],
};

const anonSc: Scenario = {
  name: 'munmap frees the page tables (anon), the PMD table stays',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  mms: [
    {
      vmas: [
        { name: 'a', start: 0, end: 2, prot: 'rw', anonVma: 0 },
        { name: 'b', start: 2, end: 4, prot: 'rw', anonVma: 1 },
      ],
      mappings: [
        { addr: 0, write: true },
        { addr: 2, write: true },
      ],
    },
  ],
  threads: [{ name: 'munmap', op: 'munmap', args: { mm: 0, start: 0, end: 2 } }],
};

describe('free_pgtables unlinks the vma from rmap before remove_vma frees it', () => {
  test('reclaim racing munmap of a file vma never meets the vma freed (i_mmap)', () => {
    expect(verdict(explore(fileSc))).toBe('ok');
  });
  // pte-under-ptl allows free_pte_range's unhooking of an empty table under mmap_sem for read too (munmap's downgrade_write)
  test('munmap frees the emptied PTE table under mmap_sem for read, after downgrade_write (pte-under-ptl)', () => {
    expect(verdict(explore(anonSc))).toBe('ok');
  });
});

/**
 * munmap of a vma's upper half frees the PTE table only the unmapped half
 * used (floor = prev->vm_end), under mmap_sem for read (v5.0 __do_munmap
 * downgrades before unmap_region). Found by `mnc nightly`'s random search
 * (seed 1, swarm) once do_munmap called free_pgtables: pte-under-ptl knew
 * only the write-locked unhook of exit and failed it; it passes now, and
 * test/properties/exemptions.test.ts shows a read-locked unhook of a table a
 * vma still covers is still caught.
 */
const splitSc: Scenario = {
  name: 'munmap of the upper half',
  expect: 'ok',
  geometry: { ptesPerTable: 1, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 1 }] }],
  threads: [{ name: 'munmap', op: 'munmap', args: { mm: 0, start: 1, end: 2 } }],
};

describe('free_pgtables under the downgraded mmap_sem', () => {
  test('munmap of the upper half frees its PTE table without the PMD lock, as v5.0 does', () => {
    expect(verdict(explore(splitSc))).toBe('ok');
  });
});
