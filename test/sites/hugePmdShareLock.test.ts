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
import type { MmState } from '../../model/mm/MmState.js';
import { LockName } from '../../model/mm/locks.js';
import { buildMmModel } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';

const hugeShared = { start: 0, end: 2, prot: 'rw', shared: true, hugetlb: true, file: 0 } as const;

const scenario: Scenario = {
  name: 'huge-pmd-share-vs-fault-under-ptl',
  expect: 'ok',
  geometry: { ptesPerTable: 1, pmdsPerTable: 2, puds: 1 },
  frames: 4,
  files: [2],
  mms: [{ vmas: [hugeShared], mappings: [{ addr: 0, huge: true, write: true }] }, { vmas: [hugeShared] }],
  threads: [
    { name: 'cpu0', op: 'cpu_access', args: { mm: 0, addr: 1, write: true } },
    { name: 'sharer', op: 'cpu_access', args: { mm: 1, addr: 0, write: false } },
  ],
  profile: 'seed',
};

const CPU0 = 0;
const SHARER = 1;

describe('huge_pmd_share waits for the PMD lock of the table it shares', () => {
  test("mm1's share does not run while mm0's fault holds that table's lock, and runs once it is released", () => {
    const m = buildMmModel(scenario);
    let s: MmState = m.initialStates()[0]!;
    const at = (t: number): string => {
      const f = s.threads[t]!.frames;
      const top = f[f.length - 1];
      return top ? `${top.prog}:${top.pc}` : 'done';
    };
    const enabled = (t: number) => {
      const acts: { thread: number; outcome: number }[] = [];
      m.actions(s, acts);
      return acts.find((x) => x.thread === t);
    };
    const run = (t: number, until: () => boolean): void => {
      for (let i = 0; i < 200 && !until(); i++) {
        const a = enabled(t);
        if (!a) throw new Error(`thread ${t} cannot run at ${at(t)}`);
        s = m.nextState(s, a);
      }
      expect(until(), `thread ${t} stopped at ${at(t)}`).toBe(true);
    };
    const table = s.mms[0]!.pud[0]!;
    const ptl = LockName.pmd(table);
    run(CPU0, () => s.threads[CPU0]!.held.includes(ptl));
    run(SHARER, () => at(SHARER) === 'hugetlb_fault:huge_pmd_share');
    expect(s.mms[1]!.pud[0]).toBeNull();
    expect(enabled(SHARER)).toBeUndefined();
    run(CPU0, () => !s.threads[CPU0]!.held.includes(ptl));
    expect(enabled(SHARER)).toBeDefined();
    run(SHARER, () => s.mms[1]!.pud[0] !== null);
    expect(s.mms[1]!.pud[0]).toBe(table);
  });
});
