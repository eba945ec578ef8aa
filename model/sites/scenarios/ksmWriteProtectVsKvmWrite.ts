/**
 * Site #12 (mm/ksm.c:write_protect_page), litmus: ksmd write-protects an
 * anonymous page to make it a KSM page (try_to_merge_with_ksm_page with no
 * KSM page yet) while a KVM guest writes the page through its writable
 * spte (a re-fault write-faults the page through gup: it reuses the page
 * before the merge; after it, the page is a KSM page (set_page_stable_node)
 * and do_wp_page copies it). Expected: ok. The start drops the writable
 * spte before the PTE is write-protected; a gup pin in flight makes the
 * refcount check back off.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'ksm-write-protect-vs-kvm-write',
  description: 'try_to_merge_one_page(page, NULL): write_protect_page (#12) vs a KVM guest write to the page',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ name: 'anon', start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'ksmd', op: 'ksm_cmp_and_merge_page', args: { mm: 0, addr: 0, kmm: -1, kaddr: -1 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};
