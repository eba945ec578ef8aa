/**
 * The rmap sites' litmus tests again with each other mirror kind in KVM's place:
 * HMM v5.0 and v5.2, RDMA ODP, GPU userptr (amdgpu), an SVA/IOMMU TLB
 * mirror and the event-aware mirror, each with its expected verdict (seed
 * events). The violations are the mirror kinds' own findings, reached here
 * through these sites: HMM v5.0 commits a snapshot taken before an
 * invalidation; HMM v5.2 sets every range valid again when the last
 * invalidation ends, so a driver that faulted before the start and takes
 * its lock after the end commits a stale snapshot (range->valid is racy);
 * amdgpu keeps the userptr pages across an invalidation.
 * The event-aware variant of #1 holds with the seed's UNMAP but breaks
 * mirror-coherence with the v5.2 SOFT_DIRTY (finding F6 in FINDINGS.md):
 * its expectation differs per profile.
 */
import type { SiteScenario } from './SiteScenario.js';
import { scenario as clearRefsVsKvmWrite } from './clearRefsVsKvmWrite.js';
import { scenario as hugetlbMigrateVsKvmRead } from './hugetlbMigrateVsKvmRead.js';
import { scenario as hugetlbUnshareVsKvmSptes } from './hugetlbUnshareVsKvmSptes.js';
import { scenario as ksmMergeVsKvmWrite } from './ksmMergeVsKvmWrite.js';
import { scenario as ksmWriteProtectVsKvmWrite } from './ksmWriteProtectVsKvmWrite.js';
import { scenario as migrateVmaHoleVsKvmRead } from './migrateVmaHoleVsKvmRead.js';
import { scenario as migrateVmaVsKvmRead } from './migrateVmaVsKvmRead.js';
import { type MirrorVariantExpect, type VariantRow, VARIANT_KINDS, variant, variantTable } from './mirrorVariant.js';
import { scenario as reclaimVsKvmFault } from './reclaimVsKvmFault.js';
import { scenario as uprobeVsKvmRead } from './uprobeVsKvmRead.js';
import { scenario as writebackVsKvmWrite } from './writebackVsKvmWrite.js';

const MC: MirrorVariantExpect = { violation: 'mirror-coherence' };
/** HMM v5.0's committed-after-start snapshot, kept writable across page_mkclean (found before mirror-coherence there). */
const MKC: MirrorVariantExpect = { violation: 'mkclean-observed' };
const ALL = VARIANT_KINDS;

/** Per base scenario, the verdict of each kind (ok unless listed), and the kinds run. */
const TABLE: readonly VariantRow[] = [
  [1, clearRefsVsKvmWrite, { hmm50: MC, gpu: MC }, ALL.filter((k) => k !== 'aware')],
  [2, uprobeVsKvmRead, {}, ALL],
  [12, ksmWriteProtectVsKvmWrite, { hmm50: MC }, ALL],
  [13, ksmMergeVsKvmWrite, { hmm50: MC }, ALL],
  [22, migrateVmaVsKvmRead, { hmm50: MC, gpu: MC }, ALL],
  [23, migrateVmaHoleVsKvmRead, { hmm50: MC, hmm52: MC, gpu: MC }, ALL],
  [27, writebackVsKvmWrite, { hmm50: MKC, hmm52: MC, gpu: MC }, ALL],
  [28, reclaimVsKvmFault, { hmm50: MC, gpu: MC }, ALL],
  [28, hugetlbMigrateVsKvmRead, { hmm50: MC, gpu: MC }, ALL],
  [28, hugetlbUnshareVsKvmSptes, {}, ALL],
];

export const RMAP_MIRROR_VARIANTS: readonly SiteScenario[] = [
  ...variantTable(TABLE),
  { site: 1, scenario: variant(clearRefsVsKvmWrite, 'aware', { expect: 'ok', v52: MC }) },
];
