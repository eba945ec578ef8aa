/**
 * Site #23 (mm/migrate.c:migrate_vma_pages, lazy range at the first hole),
 * litmus: a driver migrates a range with an unpopulated page into new
 * memory (migrate_vma_insert_page fills the hole) while a KVM guest reads
 * that page (its fault goes through gup: do_anonymous_page maps the zero
 * page for a read). Expected: ok. If the guest is first, collect treats the
 * zero page as a hole and insert_page replaces it (ptep_clear_flush_notify,
 * set_pte_at_notify) inside #23's range, which drops the spte on the zero
 * page; else the fault maps the inserted page. The mirror maps what the CPU
 * maps.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'migrate-vma-hole-vs-kvm-read',
  description: 'migrate_vma: migrate_vma_pages (#23) inserting a page into a hole vs a KVM guest read faulting the hole',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ name: 'anon', start: 0, end: 1, prot: 'rw' }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0 }],
  threads: [
    { name: 'driver', op: 'migrate_vma', args: { vma: 'vma:anon', start: 0, end: 1 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
