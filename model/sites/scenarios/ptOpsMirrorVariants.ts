/**
 * The page-table operation sites' litmus tests again with each other mirror kind in KVM's place
 * (same operation, same access): HMM v5.0 and v5.2, RDMA ODP, GPU userptr
 * (amdgpu), an SVA/IOMMU TLB mirror and (where the site has no aware litmus
 * test of its own) the event-aware mirror, each with its expected verdict.
 * The violations are the mirror kinds' own findings (see the mirror tests:
 * the HMM v5.0 snapshot committed after an invalidation, the amdgpu userptr
 * pages kept across an invalidation), reached here through these sites.
 * Left out: #26 with `gpu` (its non-blocking start always fails, so no
 * range ever starts: vacuous) and #26 with `odp` (a retry re-takes the
 * umem_rwsem that v5.0 leaves read-held after -EAGAIN, which the model
 * reports as a recursive lock); #26's ODP failure is its own scenario.
 */
import type { SiteScenario } from './SiteScenario.js';
import { type VariantKind, type VariantRow, VARIANT_KINDS, variantTable } from './mirrorVariant.js';
import { scenario as cowFaultVsKvmRead } from './cowFaultVsKvmRead.js';
import { scenario as daxMkcleanVsKvmWrite } from './daxMkcleanVsKvmWrite.js';
import { scenario as daxPmdMkcleanVsKvmRead } from './daxPmdMkcleanVsKvmRead.js';
import { scenario as forkVsKvmWrite } from './forkVsKvmWrite.js';
import { scenario as madvFreeVsKvmWrite } from './madvFreeVsKvmWrite.js';
import { scenario as mprotectVsKvmWrite } from './mprotectVsKvmWrite.js';
import { scenario as mremapVsKvmRead } from './mremapVsKvmRead.js';
import { scenario as munmapVsKvmFault } from './munmapVsKvmFault.js';
import { scenario as oomReapVsKvmFault } from './oomReapVsKvmFault.js';

const MC = { violation: 'mirror-coherence' };
/** HMM v5.0's committed-after-start snapshot, kept writable across a clean (found before mirror-coherence there). */
const MKC = { violation: 'mkclean-observed' };
/** Where the site has an aware litmus test of its own (forkVsAwareWrite.ts, ...: a `variant` of the KVM test, with its own notes). */
const ALL: readonly VariantKind[] = VARIANT_KINDS.filter((k) => k !== 'aware');
/** The event-aware mirror, where the site has no own aware litmus test. */
const ALL_AWARE = VARIANT_KINDS;

/** Per base scenario, the verdict of each kind (ok unless listed). */
const TABLE: readonly VariantRow[] = [
  [14, madvFreeVsKvmWrite, { hmm50: MKC }, ALL_AWARE],
  [15, forkVsKvmWrite, {}, ALL],
  [16, munmapVsKvmFault, { hmm50: MC }, ALL_AWARE],
  [19, cowFaultVsKvmRead, { hmm50: MC, gpu: MC }, ALL_AWARE],
  [20, daxPmdMkcleanVsKvmRead, {}, ALL_AWARE],
  [21, daxMkcleanVsKvmWrite, { hmm50: MKC, gpu: MC }, ALL],
  [24, mprotectVsKvmWrite, {}, ALL],
  [25, mremapVsKvmRead, {}, ALL],
  [26, oomReapVsKvmFault, { hmm50: MC }, ['hmm50', 'hmm52', 'sva', 'aware']],
];

export const PT_OPS_MIRROR_VARIANTS: readonly SiteScenario[] = variantTable(TABLE);
