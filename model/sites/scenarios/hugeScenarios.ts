/**
 * The scenarios of the huge-page sites (THP and hugetlb, #3–#11; model/sites/notes/huge.md),
 * and each litmus test again with the other mirror kinds in KVM's place
 * (mirrorVariant), with the verdict each kind is expected to give: ok, or a
 * finding of the mirror kind itself (HMM v5.0 / v5.2 stale commit, amdgpu
 * userptr) reached through this site. `HUGE_SCENARIOS` is what `mnc check` runs.
 */
import type { Scenario } from '../../scenario/Scenario.js';
import { scenario as daxPudSplit } from './daxPudSplitVsKvmRead.js';
import { scenario as hugetlbCow } from './hugetlbCowVsKvmFault.js';
import { scenario as hugetlbFork } from './hugetlbForkVsKvmWrite.js';
import { scenario as partialMunmap } from './hugetlbPartialMunmapSharedPmdVsKvmSptes.js';
import { scenario as punchHole } from './hugetlbPunchHoleVsKvmFault.js';
import { scenario as punchHoleCpuTlb } from './hugetlbPunchHoleSharedPmdVsCpuTlb.js';
import { scenario as unshareMprotectV52 } from './hugetlbUnshareMprotectV52VsAware.js';
import { scenario as mprotect, sharedPmd as mprotectSharedPmd } from './hugetlbMprotectVsKvmRead.js';
import type { SiteScenario } from './SiteScenario.js';
import { scenario as collapse } from './khugepagedCollapseVsKvmFault.js';
import { exitVsKhugepagedCollapse } from './exitVsForeignWalkers.js';
import type { MirrorVariantExpect } from './mirrorVariant.js';
import { mirrorVariant } from './mirrorVariant.js';
import { scenario as thpSplit } from './thpSplitVsKvmWrite.js';
import { scenario as thpFallback } from './thpWpFallbackVsKvmFault.js';
import { scenario as thpWp } from './thpWpFaultVsKvmFault.js';

/** The base litmus tests (KVM, and the own scenarios of some sites), by site id. */
export const HUGE_BASE_SCENARIOS: readonly SiteScenario[] = [
  { site: 3, scenario: thpFallback },
  { site: 4, scenario: thpWp },
  { site: 5, scenario: daxPudSplit },
  { site: 6, scenario: thpSplit },
  { site: 7, scenario: hugetlbFork },
  { site: 8, scenario: punchHole },
  { site: 8, scenario: partialMunmap },
  // F8 (FINDINGS.md): huge_pmd_unshare leaves the unsharing mm's CPU TLB unflushed (CVE-2021-4002).
  { site: 8, scenario: punchHoleCpuTlb },
  { site: 9, scenario: hugetlbCow },
  { site: 10, scenario: mprotect },
  // F5 (FINDINGS.md): with the v5.2 PROTECTION_VMA, huge_pmd_unshare breaks the event's promise.
  { site: 10, scenario: { ...mprotectSharedPmd, profiles: { 'v5.2': { expect: 'violation', expectProperty: 'event-promise' } } } },
  { site: 10, scenario: unshareMprotectV52 },
  { site: 11, scenario: collapse },
];

const OK: MirrorVariantExpect = 'ok';
const STALE: MirrorVariantExpect = { violation: 'mirror-coherence' };

/** Per kind, the sites whose litmus test reaches that kind's own finding (a stale entry after the range). */
const KIND_FINDINGS: Readonly<Record<string, readonly number[]>> = {
  aware: [],
  odp: [],
  sva: [],
  hmm52: [8],
  hmm50: [3, 4, 5, 8, 9],
  gpu: [3, 4, 5, 8, 9],
};

/**
 * #11 with the GPU: a BO's userptr pages keep their gup reference, and
 * khugepaged never collapses a pinned page (mm/khugepaged.c:khugepaged_scan_pmd,
 * page_count != 1 + PageSwapCache), so with the KVM test's initial entry the
 * site is never reached. The GPU variant starts with no BO pages: its
 * command submission (gup, pin, commit) races the collapse and reaches the
 * amdgpu userptr finding (D3).
 */
function hugeVariant(site: number, scenario: Scenario, kind: string, sites: readonly number[]): SiteScenario {
  if (site === 11 && kind === 'gpu')
    return mirrorVariant(site, { ...scenario, mirrors: (scenario.mirrors ?? []).map((m) => ({ ...m, entries: [] })) }, kind, STALE);
  return mirrorVariant(site, scenario, kind, sites.includes(site) ? STALE : OK);
}

/** Every base test that expects ok, again with each other mirror kind. */
export const HUGE_MIRROR_VARIANTS: readonly SiteScenario[] = HUGE_BASE_SCENARIOS.filter((x) => x.scenario.expect === 'ok').flatMap(({ site, scenario }) =>
  Object.entries(KIND_FINDINGS).map(([kind, sites]) => hugeVariant(site, scenario, kind, sites)),
);

/** Every huge-page site scenario `mnc check` runs: the base tests and their mirror variants. */
export const HUGE_SCENARIOS: readonly SiteScenario[] = [...HUGE_BASE_SCENARIOS, ...HUGE_MIRROR_VARIANTS, { site: 11, scenario: exitVsKhugepagedCollapse }];

/** A huge-page site scenario by name (base or variant). */
export function hugeScenario(name: string): Scenario {
  const x = HUGE_SCENARIOS.find((s) => s.scenario.name === name);
  if (!x) throw new Error(`no huge-page site scenario ${name}`);
  return x.scenario;
}
