/**
 * Site #19 (mm/memory.c:wp_page_copy), litmus: a CPU write fault breaks COW
 * on a page shared with a forked child, while a KVM guest reads the same
 * address through its spte (read-only, pointing at the shared page).
 * Expected: ok. The range start drops the spte before the PTE moves to the
 * new page; a guest re-fault waits for the end (mmu_notifier_count).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'cow-fault-vs-kvm-read',
  description: 'write fault -> do_wp_page -> wp_page_copy (#19) vs a KVM guest read of the COW page',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [
    { vmas: [{ start: 0, end: 1, prot: 'rw', anonVma: 0 }], mappings: [{ addr: 0, write: false }] },
    { vmas: [{ start: 0, end: 1, prot: 'rw', anonVma: 0 }], mappings: [{ addr: 0, write: false, shareWith: { mm: 0, addr: 0 } }] },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'cpu', op: 'cpu_access', args: { mm: 0, addr: 0, write: true } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
