/**
 * FINDINGS.md S1: a hugetlb fault whose shared PMD table is unshared under it.
 * mm1's read fault shares mm0's PMD table (huge_pmd_share); mm0's write fault
 * at page 1 computes its ptep in that table (huge_pte_offset) and allocates
 * the page (hugetlb_no_page); then a hole punch's __unmap_hugepage_range on
 * mm0 unshares the table (huge_pmd_unshare: mm0's PUD entry cleared, the
 * table stays mm1's). As in v5.0 (mm/hugetlb.c:hugetlb_fault,
 * hugetlb_no_page), the fault keeps its ptep, takes that table's lock and
 * installs the page there. The model used to walk again by address and
 * stopped on a model error (`no lock named pmdnull.ptl`): this test failed so.
 * Shaped after the sweep's s8-truncate-hugetlb-shared-pmd configurations, one
 * interleaving driven step by step (no exploration: fast).
 */
import { describe, expect, test } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import { drive } from './util/drive.js';
import { sharedHugetlb } from './util/sharedHugetlb.js';

const scenario = sharedHugetlb('hugetlb-fault-vs-punch-hole-unshare', [
  { name: 'punch', op: 'hugetlbfs_punch_hole', args: { file: 0, start: 0, end: 2 } },
  { name: 'sharer', op: 'cpu_access', args: { mm: 1, addr: 0, write: false } },
  { name: 'cpu0', op: 'cpu_access', args: { mm: 0, addr: 1, write: true } },
]);

const PUNCH = 0;
const SHARER = 1;
const CPU0 = 2;

describe('hugetlb_fault keeps the PMD table it walked (S1)', () => {
  test('huge_pmd_unshare of mm0 between huge_pte_offset and set_huge_pte_at: the fault installs into the table it walked, under its lock', () => {
    const d = drive(buildMmModel(scenario));
    d.run(SHARER, (s) => s.mms[1]!.pud[0] !== null);
    const table = d.s.mms[1]!.pud[0]!;
    expect(d.s.mms[0]!.pud[0]).toBe(table);
    expect(d.s.pmdTables[table]!.share).toBe(2);
    d.run(CPU0, () => d.at(CPU0) === 'hugetlb_fault:set_huge_pte_at');
    // huge_pmd_unshare in mm0, then spin_unlock(ptl)
    d.run(PUNCH, (s) => s.mms[0]!.pud[0] === null && !s.threads[PUNCH]!.held.includes(`pmd${table}.ptl`));
    expect(d.s.pmdTables[table]!.share).toBe(1);
    d.run(CPU0, () => d.at(CPU0) === 'hugetlb_fault:spin_unlock');
    expect(d.s.threads[CPU0]!.held).toContain(`pmd${table}.ptl`);
    const e = d.s.pmdTables[table]!.entries[1]!;
    expect(e).toMatchObject({ kind: 'huge', write: true });
    expect(d.s.mms[0]!.pud[0]).toBeNull();
    // every thread runs to its end without a model error
    d.finish();
  });
});
