/**
 * The scenarios of sites group g2 (THP and hugetlb, #3–#11), with mirror
 * variants: each litmus test is also run with the other mirror kinds in the
 * place of its mirror (same threads, the mirror renamed after its kind).
 */
import type { Scenario } from '../../scenario/Scenario.js';
import { scenario as hugetlbCow } from './hugetlbCowVsKvmFault.js';
import { scenario as hugetlbFork } from './hugetlbForkVsKvmWrite.js';
import { scenario as punchHole } from './hugetlbPunchHoleVsKvmFault.js';
import { scenario as unshareMprotectV52 } from './hugetlbUnshareMprotectV52VsAware.js';
import { scenario as unshareMprotect } from './hugetlbUnshareMprotectVsAware.js';
import { scenario as collapse } from './khugepagedCollapseVsKvmFault.js';
import { scenario as thpSplit } from './thpSplitVsKvmWrite.js';
import { scenario as thpFallback } from './thpWpFallbackVsKvmFault.js';
import { scenario as thpWp } from './thpWpFaultVsKvmFault.js';

export interface G2Scenario {
  readonly site: number;
  readonly scenario: Scenario;
}

export const G2_SCENARIOS: readonly G2Scenario[] = [
  { site: 3, scenario: thpFallback },
  { site: 4, scenario: thpWp },
  { site: 6, scenario: thpSplit },
  { site: 7, scenario: hugetlbFork },
  { site: 8, scenario: punchHole },
  { site: 9, scenario: hugetlbCow },
  { site: 10, scenario: unshareMprotect },
  { site: 10, scenario: unshareMprotectV52 },
  { site: 11, scenario: collapse },
];

/** The same litmus test with a mirror of kind `kind` (name `<kind>0`), named `<name>@<kind>`. */
export function withMirror(sc: Scenario, kind: string): Scenario {
  const mirrors = (sc.mirrors ?? []).map((m) => ({ ...m, name: `${kind}${m.name.replace(/^\D+/, '')}`, kind }));
  return { ...sc, name: `${sc.name.replace(/@.*$/, '')}@${kind}`, mirrors };
}

/** Mirror kinds each g2 scenario also runs with (the device-access kinds that fault through gup). */
export const G2_VARIANT_KINDS: readonly string[] = ['kvm', 'aware', 'odp', 'hmm52'];
