/**
 * Site #15 (mm/memory.c:copy_page_range), litmus: fork write-protects the
 * parent's anonymous page for COW while a KVM guest of the parent writes it
 * through its writable spte (re-faulting with a write gup, which then COWs).
 * Expected: ok. The start drops the spte before the parent's PTE loses its
 * write bit; the guest's re-fault waits for fork's mmap_sem and the end.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'fork-vs-kvm-write',
  description: 'fork -> dup_mmap -> copy_page_range (#15) vs a KVM guest write in the parent',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 3,
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true }] }, { vmas: [] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'fork', op: 'fork', args: { mm: 0, child: 1 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};
