/**
 * Site #5 (mm/huge_memory.c:__split_huge_pud), litmus: a partial
 * MADV_DONTNEED over a DAX file mapped by one huge PUD (zap_pud_range ->
 * split_huge_pud: the PUD entry is cleared, the range refaults later) races a
 * KVM guest read of the second page through its spte.
 * Expected: ok. The start drops the sptes of the whole PUD; the guest's
 * re-fault is held off by mmu_notifier_count until only_end, then maps the
 * page again at small size.
 * (The huge PUD is a PMD table mapping one frame huge in every entry: see
 * model/sites/splitHugePud.ts.)
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'dax-pud-split-vs-kvm-read',
  description: '__split_huge_pud (#5) of a DAX huge PUD vs a KVM guest read through its spte',
  expect: 'ok',
  geometry: { ptesPerTable: 1, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  files: [2],
  mms: [
    {
      vmas: [{ name: 'dax', start: 0, end: 2, prot: 'rw', shared: true, file: 0 }],
      mappings: [
        { addr: 0, huge: true, write: true },
        { addr: 1, huge: true, write: true, shareWith: { mm: 0, addr: 0 } },
      ],
    },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [1] }],
  threads: [
    { name: 'dontneed', op: 'split_huge_pud_range', args: { vma: 'vma:dax', addr: 0 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 1, write: false } },
  ],
};
