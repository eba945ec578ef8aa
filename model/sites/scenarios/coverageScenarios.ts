/**
 * The litmus tests that run what no other built-in scenario runs (README,
 * "Step coverage"): each exists for a kernel path the model has, an error
 * path, a race lost or a first touch, and says which in its own file.
 * With them `mnc check --all-violations` runs every step of the model's
 * programs but those model/mm/step/unreachableSteps.ts declares, and
 * test/cli/checkCoverage.test.ts fails when that changes.
 */
import type { SiteScenario } from './SiteScenario.js';
import { scenario as cowThpFallbackVsSvaWrite } from './cowThpFallbackVsSvaWrite.js';
import { scenario as daxMkcleanVsDontneed } from './daxMkcleanVsDontneed.js';
import { scenario as dontneedBatchFullVsTwoSvaFaults } from './dontneedBatchFullVsTwoSvaFaults.js';
import { scenario as dontneedPrivateFileVsKvmWrite } from './dontneedPrivateFileVsKvmWrite.js';
import { aware as exitVsAwareWriteReadOnly, odp as exitVsOdpWriteReadOnly } from './exitVsWriteReadOnly.js';
import { scenario as hugetlbMprotectVsFirstFault } from './hugetlbMprotectVsFirstFault.js';
import { scenario as migrateVmaCowVsKvmRead } from './migrateVmaCowVsKvmRead.js';
import { scenario as mremapFillHoleVsKvmRead } from './mremapFillHoleVsKvmRead.js';
import { scenario as mremapMergedPmdVsReclaim } from './mremapMergedPmdVsReclaim.js';
import { scenario as munmapThpBatchFullVsKvmRead } from './munmapThpBatchFullVsKvmRead.js';
import { scenario as reclaimDirtyFileVsKvmRead } from './reclaimDirtyFileVsKvmRead.js';
import { scenario as splitPmdVsThpFault } from './splitPmdVsThpFault.js';
import { scenario as uprobeUnmappedVsKvmRead } from './uprobeUnmappedVsKvmRead.js';

export const COVERAGE_SCENARIOS: readonly SiteScenario[] = [
  { site: 2, scenario: uprobeUnmappedVsKvmRead },
  { site: 3, scenario: cowThpFallbackVsSvaWrite },
  { site: 6, scenario: splitPmdVsThpFault },
  { site: 10, scenario: hugetlbMprotectVsFirstFault },
  { site: 16, scenario: exitVsOdpWriteReadOnly },
  { site: 16, scenario: exitVsAwareWriteReadOnly },
  { site: 16, scenario: munmapThpBatchFullVsKvmRead },
  { site: 17, scenario: dontneedPrivateFileVsKvmWrite },
  { site: 17, scenario: dontneedBatchFullVsTwoSvaFaults },
  { site: 21, scenario: daxMkcleanVsDontneed },
  { site: 22, scenario: migrateVmaCowVsKvmRead },
  { site: 25, scenario: mremapMergedPmdVsReclaim },
  { site: 25, scenario: mremapFillHoleVsKvmRead },
  { site: 28, scenario: reclaimDirtyFileVsKvmRead },
];
