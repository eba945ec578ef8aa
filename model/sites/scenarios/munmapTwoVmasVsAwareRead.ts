/**
 * Site #16 (mm/memory.c:unmap_vmas), litmus: one munmap over two adjacent
 * vmas (different protections) while a device reads the second one through
 * the event-aware mirror. unmap_vmas passes the *first* vma of the list
 * (seed and v5.2 alike), which does not contain the range; a mirror that
 * bounds the invalidation by range->vma keeps the entry of the second vma,
 * whose page is then freed.
 * Expected: violation (a finding): range-vma at the start, then a stale
 * device entry (mirror-coherence / no-stale-frame).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'munmap-two-vmas-vs-aware-read',
  description: 'munmap over two vmas -> unmap_vmas (#16) passes the first vma; vs a device read of the second through the event-aware mirror',
  expect: 'violation',
  expectProperty: 'range-vma',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [
    {
      vmas: [
        { start: 0, end: 1, prot: 'rw' },
        { start: 1, end: 2, prot: 'r' },
      ],
      mappings: [{ addr: 0, write: true, dirty: true }, { addr: 1 }],
    },
  ],
  mirrors: [{ name: 'aware0', kind: 'aware', mm: 0, entries: [1] }],
  threads: [
    { name: 'munmap', op: 'munmap', args: { mm: 0, start: 0, end: 2 } },
    { name: 'device', op: 'device_access', args: { m: 0, addr: 1, write: false } },
  ],
};
