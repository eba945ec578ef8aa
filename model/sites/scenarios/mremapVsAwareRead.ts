/**
 * Site #25 (mm/mremap.c:move_page_tables), litmus: mremap moves a page while
 * a device reads the old address through the event-aware mirror, which
 * drops the entries in [range ∩ range->vma]. Expected: ok with the seed's
 * `vma` (UNMAP); passing `new_vma` (both are in scope) drops nothing, and
 * the device keeps reading a page the old address no longer maps.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'mremap-vs-aware-read',
  description: 'mremap(MREMAP_FIXED) -> move_page_tables (#25) vs a device read of the old address through the event-aware mirror',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 1, end: 2, prot: 'rw' }], mappings: [{ addr: 1, write: true, dirty: true }] }],
  mirrors: [{ name: 'aware0', kind: 'aware', mm: 0, entries: [1] }],
  threads: [
    { name: 'mremap', op: 'mremap', args: { mm: 0, old: 1, len: 1, new: 2 } },
    { name: 'device', op: 'device_access', args: { m: 0, addr: 1, write: false } },
  ],
};
