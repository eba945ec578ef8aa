/**
 * mm/oom_kill.c:__oom_reap_task_mm skips a vma that mm/internal.h:
 * can_madv_dontneed_vma refuses: VM_LOCKED|VM_HUGETLB|VM_PFNMAP (the model
 * checked VM_HUGETLB only; madvise(MADV_DONTNEED) uses the same check and
 * returns -EINVAL). Fails on the model before the VM_LOCKED/VM_PFNMAP flags.
 */
import { describe, expect, test } from 'vitest';
import { pteAt } from '../../model/mm/pageTable.js';
import { buildMmModel } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { runInOrder } from './util/explore.js';

const geometry = { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 };
const sc = (locked: boolean, op: 'oom_reap_task' | 'madvise_dontneed'): Scenario => ({
  name: 'oom reaper vs mlock',
  expect: 'ok',
  geometry,
  frames: 2,
  mms: [
    {
      vmas: [
        { start: 0, end: 1, prot: 'rw', locked },
        { start: 1, end: 2, prot: 'rw' },
      ],
      mappings: [
        { addr: 0, write: true },
        { addr: 1, write: true },
      ],
    },
  ],
  threads: [op === 'oom_reap_task' ? { name: 'oom_reaper', op, args: { mm: 0, retries: 1 } } : { name: 'madvise', op, args: { mm: 0, start: 0, end: 2 } }],
});

describe('can_madv_dontneed_vma: VM_LOCKED|VM_HUGETLB|VM_PFNMAP', () => {
  test('the oom reaper leaves an mlocked vma mapped and reaps the next one', () => {
    const last = runInOrder(buildMmModel(sc(true, 'oom_reap_task'))).at(-1)!;
    expect(pteAt(last, 0, 0)).toMatchObject({ kind: 'present' });
    expect(pteAt(last, 0, 1)).toBeNull();
    const unlocked = runInOrder(buildMmModel(sc(false, 'oom_reap_task'))).at(-1)!;
    expect(pteAt(unlocked, 0, 0)).toBeNull();
  });
  test('MADV_DONTNEED on an mlocked vma is -EINVAL and zaps nothing', () => {
    const last = runInOrder(buildMmModel(sc(true, 'madvise_dontneed'))).at(-1)!;
    expect(pteAt(last, 0, 0)).toMatchObject({ kind: 'present' });
    expect(last.threads[0]!.rv).toBe(-22);
  });
  test('a VM_PFNMAP vma cannot have mappings (no struct page) or faults here', () => {
    const bad: Scenario = { ...sc(false, 'oom_reap_task'), mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw', pfnmap: true }], mappings: [{ addr: 0 }] }] };
    expect(() => buildMmModel(bad)).toThrow(/PFNMAP/);
  });
});
