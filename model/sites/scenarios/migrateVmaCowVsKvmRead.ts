/**
 * Site #22 (mm/migrate.c:migrate_vma_collect), litmus: a driver migrates an
 * anonymous page that a fork left shared with a child (COW), while a KVM
 * guest of the child faults the page in. collect replaces the parent's PTE
 * by a migration entry; migrate_vma_unmap's try_to_unmap (the anon rmap
 * walk, try_to_unmap_one: #28) puts one in the child too. When the guest's
 * get_user_pages holds its reference across that point, the pin check
 * (migrate_vma_check_page) restores the page: remove_migration_ptes walks
 * the rmap to give the child its PTE back; else migrate_vma_finalize walks
 * it to map the new page in both. Both walks are paths no other scenario
 * runs. Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'migrate-vma-cow-vs-kvm-read',
  description: "migrate_vma (#22, and try_to_unmap's #28 in the child) of a COW page vs the child's KVM guest faulting it in",
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 3,
  mms: [
    { vmas: [{ name: 'parent', start: 0, end: 1, prot: 'rw', anonVma: 0 }], mappings: [{ addr: 0, write: false }] },
    { vmas: [{ start: 0, end: 1, prot: 'rw', anonVma: 0 }], mappings: [{ addr: 0, write: false, shareWith: { mm: 0, addr: 0 } }] },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 1, entries: [] }],
  threads: [
    { name: 'driver', op: 'migrate_vma', args: { vma: 'vma:parent', start: 0, end: 1 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
