/**
 * Sites #17 (mm/memory.c:zap_page_range, via madvise(MADV_DONTNEED)) and
 * #18 (mm/memory.c:zap_page_range_single, via unmap_mapping_pages on
 * truncate), the core's pattern operations, as litmus tests: the zap races
 * a guest/device access of each mirror kind, with each kind's verdict.
 */
import type { Scenario } from '../../scenario/Scenario.js';
import type { SiteScenario } from './SiteScenario.js';
import { scenario as dontneedVsTwoSvaFaults } from './dontneedVsTwoSvaFaults.js';
import { type MirrorVariantExpect, type VariantRow, variantTable } from './mirrorVariant.js';

/** MADV_DONTNEED of pages 0-1 while a KVM guest writes page 0 (spte present, then faulting). */
export const madviseDontneedVsKvmWrite: Scenario = {
  name: 'madvise-dontneed-vs-kvm-write',
  description: 'madvise(MADV_DONTNEED) -> zap_page_range (#17) on two anonymous pages vs a KVM guest write of page 0',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 4,
  mms: [
    {
      vmas: [{ start: 0, end: 4, prot: 'rw' }],
      mappings: [
        { addr: 0, write: true },
        { addr: 1, write: true },
      ],
    },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'dontneed', op: 'madvise_dontneed', args: { mm: 0, start: 0, end: 2 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};

/** Truncate of a shared file page (unmap_mapping_pages) while a KVM guest reads it. */
export const truncateVsKvmRead: Scenario = {
  name: 'truncate-vs-kvm-read',
  description: 'unmap_mapping_pages -> zap_page_range_single (#18) on a shared file page vs a KVM guest read',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 4,
  files: [2],
  mms: [{ vmas: [{ start: 2, end: 4, prot: 'rw', shared: true, file: 0 }], mappings: [{ addr: 2, write: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [2] }],
  threads: [
    { name: 'truncate', op: 'unmap_mapping_pages', args: { file: 0, first: 0, nr: 2 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 2, write: false } },
  ],
};

const MC: MirrorVariantExpect = { violation: 'mirror-coherence' };

const TABLE: readonly VariantRow[] = [
  [17, madviseDontneedVsKvmWrite, { hmm50: MC, gpu: MC }],
  [18, truncateVsKvmRead, { hmm50: MC, gpu: MC }],
];

export const ZAP_SCENARIOS: readonly SiteScenario[] = [
  ...TABLE.flatMap((row) => [{ site: row[0], scenario: row[1] }, ...variantTable([row])]),
  // finding S5: two IOMMU SVA accesses, one keeps the zapped page in the IOTLB while the other faults a new one in
  { site: 17, scenario: dontneedVsTwoSvaFaults },
];
