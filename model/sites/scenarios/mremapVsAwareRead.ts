/**
 * Site #25 (mm/mremap.c:move_page_tables), litmus: mremap moves a page while
 * a device reads the old address through the event-aware mirror, which
 * drops the entries in [range ∩ range->vma]. Expected: ok with the seed's
 * `vma` (UNMAP); passing `new_vma` (both are in scope) drops nothing, and
 * the device keeps reading a page the old address no longer maps.
 */
import type { Scenario } from '../../scenario/Scenario.js';
import { variant } from './mirrorVariant.js';
import { scenario as mremapVsKvmRead } from './mremapVsKvmRead.js';

/** mremap-vs-kvm-read with the event-aware mirror in KVM's place (same layout and threads; ok with both event profiles). */
export const scenario: Scenario = variant(mremapVsKvmRead, 'aware', {
  name: 'mremap-vs-aware-read',
  description: 'mremap(MREMAP_FIXED) -> move_page_tables (#25) vs a device read of the old address through the event-aware mirror',
  expect: 'ok',
  threadNames: { guest: 'device' },
});
