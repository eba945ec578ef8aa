/**
 * Site #1 (fs/proc/task_mmu.c:clear_refs_write, soft-dirty), litmus: a
 * soft-dirty reset of the whole mm (the PTEs lose write and soft-dirty)
 * races a KVM guest write to an anonymous page through its writable spte.
 * Expected: ok. The start drops the writable spte; the guest's next write
 * faults (gup write -> do_wp_page reuses the page), which the kernel sees.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'clear-refs-vs-kvm-write',
  description: 'clear_refs_write soft-dirty (#1) vs a KVM guest write through its writable spte',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ name: 'anon', start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'clear_refs', op: 'clear_refs_write', args: { mm: 0 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};
