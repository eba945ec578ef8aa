/**
 * Sites #12 (mm/ksm.c:write_protect_page) and #13 (mm/ksm.c:replace_page),
 * litmus: ksmd merges an anonymous page with an identical KSM page while a
 * KVM guest writes the page through its writable spte (a re-fault goes
 * through gup: a write fault on the write-protected page reuses it, or
 * copies it after the merge).
 * Expected: ok. write_protect_page's start drops the writable spte, so a
 * guest write after the content check faults, and replace_page's pte_same
 * check or the version compare stops the merge of a written page.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'ksm-merge-vs-kvm-write',
  description: 'cmp_and_merge_page: write_protect_page (#12) + replace_page (#13) vs a KVM guest write to the page',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 3,
  mms: [
    {
      vmas: [{ name: 'anon', start: 0, end: 2, prot: 'rw' }],
      mappings: [
        { addr: 0, write: true },
        { addr: 1, write: false },
      ],
    },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'ksmd', op: 'ksm_cmp_and_merge_page', args: { mm: 0, addr: 0, kmm: 0, kaddr: 1 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};
