/**
 * Site #22 (mm/migrate.c:migrate_vma_collect), litmus: a driver migrates an
 * anonymous page (migrate_vma: collect replaces the PTE by a migration
 * entry, finalize maps the new page) while a KVM guest reads the page
 * through its spte (a re-fault waits on the migration entry in gup).
 * Expected: ok. collect's start drops the spte to the old page; a gup pin
 * taken before the collect makes the pin check restore the old page.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'migrate-vma-vs-kvm-read',
  description: 'migrate_vma: migrate_vma_collect (#22) on a mapped anonymous page vs a KVM guest read through the spte',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 3,
  mms: [{ vmas: [{ name: 'anon', start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'driver', op: 'migrate_vma', args: { vma: 'vma:anon', start: 0, end: 1 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
