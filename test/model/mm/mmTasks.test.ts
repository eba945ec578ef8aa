/**
 * The victim's exit waits for the tasks of its mm (model/mm/mmTasks.ts): the
 * `mmu_notifier_release` step is disabled while a CPU access of that mm, a
 * KVM guest access through a mirror of that mm, or a system call or fault of
 * the process on that mm has not ended, and enabled beside other mirrors'
 * devices, other mms' tasks and the rmap walkers.
 */
import { describe, expect, it } from 'vitest';
import { buildMmModel, type MmAction } from '../../../model/MmModel.js';
import type { Scenario } from '../../../model/scenario/Scenario.js';
import type { MmState } from '../../../model/mm/MmState.js';
import { taskOfMmRunning } from '../../../model/mm/mmTasks.js';

const base: Scenario = {
  name: 'exit-beside-tasks',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 4,
  mms: [
    { vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, write: true }] },
    { vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, write: true }] },
  ],
  mirrors: [
    { name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] },
    { name: 'odp0', kind: 'odp', mm: 0, entries: [0] },
  ],
  threads: [],
};

/** Whether the exit (the last thread) can move in the initial state, and once every other thread has ended. */
function exitEnabled(threads: Scenario['threads']): { first: boolean; atEnd: boolean } {
  const m = buildMmModel({ ...base, threads: [...threads, { name: 'exit', op: 'mmu_notifier_release', args: { mm: 0 } }] });
  const exitId = threads.length;
  const can = (s: MmState) => {
    const acts: MmAction[] = [];
    m.actions(s, acts);
    return acts.some((a) => a.thread === exitId);
  };
  let s = m.initialStates()[0]!;
  const first = can(s);
  // run the other threads to their end (the first of their actions each time)
  for (let i = 0; i < 200; i++) {
    const acts: MmAction[] = [];
    m.actions(s, acts);
    const a = acts.find((x) => x.thread !== exitId);
    if (!a) break;
    s = m.nextState(s, a);
  }
  return { first, atEnd: can(s) };
}

/** The initial state with thread `t`. */
const startWith = (t: Scenario['threads'][number]): MmState => buildMmModel({ ...base, threads: [t] }).initialStates()[0]!;

describe('the exit and the tasks of its mm', () => {
  it('waits for a CPU access of its mm and for a KVM guest access', () => {
    expect(exitEnabled([{ name: 'cpu', op: 'cpu_access', args: { mm: 0, addr: 0, write: true } }])).toEqual({ first: false, atEnd: true });
    expect(exitEnabled([{ name: 'vcpu', op: 'device_access', args: { m: 0, addr: 0, write: false } }])).toEqual({ first: false, atEnd: true });
  });
  it("does not wait for another mirror's device or another mm's task", () => {
    expect(exitEnabled([{ name: 'dev', op: 'device_access', args: { m: 1, addr: 0, write: false } }]).first).toBe(true);
    expect(exitEnabled([{ name: 'cpu1', op: 'cpu_access', args: { mm: 1, addr: 0, write: false } }]).first).toBe(true);
  });
  it("waits for the process's own system calls and faults on its mm (a vma of it too), not for another mm's", () => {
    const own: Scenario['threads'] = [
      { name: 'munmap', op: 'munmap', args: { mm: 0, start: 0, end: 1 } },
      { name: 'dontneed', op: 'madvise_dontneed', args: { mm: 0, start: 0, end: 2 } },
      { name: 'mprotect', op: 'mprotect', args: { mm: 0, start: 0, end: 2, prot: 'r' } },
      { name: 'fault', op: 'do_user_addr_fault', args: { mm: 0, addr: 1, write: true } },
      { name: 'fork', op: 'fork', args: { mm: 0, child: 1 } },
    ];
    for (const t of own) expect([t.op, exitEnabled([t])]).toEqual([t.op, { first: false, atEnd: true }]);
    expect(exitEnabled([{ name: 'munmap1', op: 'munmap', args: { mm: 1, start: 0, end: 1 } }]).first).toBe(true);
    // an operation named by its vma: the mm of that vma (vma 0 is mm0's, vma 1 mm1's)
    expect(taskOfMmRunning(startWith({ name: 'mph', op: 'mprotect_hugetlb', args: { vma: 0 } }), 0)).toBe(true);
    expect(taskOfMmRunning(startWith({ name: 'mph', op: 'mprotect_hugetlb', args: { vma: 1 } }), 0)).toBe(false);
  });
});
