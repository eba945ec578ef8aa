/**
 * mm/hugetlb.c:huge_pmd_share (v5.0) takes huge_pte_lock(spte), the PMD
 * lock of the table it found in another mm, around pud_populate. The model
 * runs the share as one step, so that step may run only while that lock is
 * free: here mm0's write fault holds the table's lock (hugetlb_fault's
 * huge_pte_lock, before spin_unlock) and mm1's first touch, at
 * huge_pmd_share, must wait for it. Before the fix the step's guard asked
 * only for i_mmap_rwsem and the share went through under mm0's lock. No
 * built-in scenario reaches it (pinned counts unchanged). Driven step by step.
 */
import { describe, expect, test } from 'vitest';
import { LockName } from '../../model/mm/locks.js';
import { buildMmModel } from '../../model/MmModel.js';
import { drive } from './util/drive.js';
import { sharedHugetlb } from './util/sharedHugetlb.js';

const scenario = sharedHugetlb('huge-pmd-share-vs-fault-under-ptl', [
  { name: 'cpu0', op: 'cpu_access', args: { mm: 0, addr: 1, write: true } },
  { name: 'sharer', op: 'cpu_access', args: { mm: 1, addr: 0, write: false } },
]);

const CPU0 = 0;
const SHARER = 1;

describe('huge_pmd_share waits for the PMD lock of the table it shares', () => {
  test("mm1's share does not run while mm0's fault holds that table's lock, and runs once it is released", () => {
    const d = drive(buildMmModel(scenario));
    const table = d.s.mms[0]!.pud[0]!;
    const ptl = LockName.pmd(table);
    d.run(CPU0, (s) => s.threads[CPU0]!.held.includes(ptl));
    d.run(SHARER, () => d.at(SHARER) === 'hugetlb_fault:huge_pmd_share');
    expect(d.s.mms[1]!.pud[0]).toBeNull();
    expect(d.enabled(SHARER)).toBeUndefined();
    d.run(CPU0, (s) => !s.threads[CPU0]!.held.includes(ptl));
    expect(d.enabled(SHARER)).toBeDefined();
    d.run(SHARER, (s) => s.mms[1]!.pud[0] !== null);
    expect(d.s.mms[1]!.pud[0]).toBe(table);
  });
});
