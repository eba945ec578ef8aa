/**
 * The hugetlb fault mutex (mm/hugetlb.c:hugetlb_fault, fs/hugetlbfs/inode.c:remove_inode_hugepages,
 * v5.0) and the inode lock of hole punching: a fault that found a page in the page cache maps it
 * before remove_inode_hugepages can take the page out (which then unmaps it again), and two hole
 * punches of one file take turns. Before, the model had neither: a fault could map a page that
 * hole punching had just removed from the page cache, and a second hole punch could then leave
 * a device fault mapping a new page under its open range while the IOMMU still cached the old
 * one (a large-scope configuration, FINDINGS.md S13).
 */
import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import type { MmState } from '../../model/mm/MmState.js';
import { LockName, lockState } from '../../model/mm/locks.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { scenario as punchVsKvm } from '../../model/sites/scenarios/hugetlbPunchHoleVsKvmFault.js';
import { reachedStates } from '../util/reachedStates.js';

/** A file page mapped by some PMD of some mm but no longer in its file's page cache. */
function orphanMapped(s: MmState): boolean {
  return s.frames.some((f, i) => f.kind === 'file' && f.map > 0 && s.files[f.file!]!.pages[f.index] !== i);
}

const withThreads = (threads: Scenario['threads']): Scenario => ({ ...punchVsKvm, threads });

describe('hole punching and hugetlb faults', () => {
  it('a fault never maps a page hole punching has taken out of the page cache', () => {
    const states = reachedStates(buildMmModel(withThreads([...punchVsKvm.threads, { name: 'cpu', op: 'cpu_access', args: { mm: 0, addr: 0, write: false } }])));
    expect(states.length).toBeGreaterThan(100);
    expect(states.filter(orphanMapped)).toEqual([]);
  });

  it('two hole punches of one file take turns (inode_lock)', () => {
    const punch2 = { name: 'punch2', op: 'hugetlbfs_punch_hole', args: { file: 0, start: 0, end: 2 } };
    const states = reachedStates(buildMmModel(withThreads([punchVsKvm.threads[0]!, punch2])));
    const inode = (s: MmState) => lockState(s, LockName.inode(0))!.holder;
    const running = (s: MmState, t: number) => s.threads[t]!.frames.length > 0 && s.threads[t]!.frames.at(-1)!.pc !== 'i_mmap_lock_write';
    expect(states.some((s) => inode(s) === 0) && states.some((s) => inode(s) === 1)).toBe(true);
    expect(states.filter((s) => running(s, 0) && running(s, 1))).toEqual([]);
  });
});
