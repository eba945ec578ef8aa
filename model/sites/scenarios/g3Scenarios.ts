/** The litmus scenarios of sites group G3 (with KVM), by site id. */
import type { SiteScenario } from './SiteScenario.js';
import { G3_MIRROR_VARIANTS } from './g3MirrorVariants.js';
import { scenario as clearRefsVsKvmWrite } from './clearRefsVsKvmWrite.js';
import { scenario as hugetlbMigrateVsKvmRead } from './hugetlbMigrateVsKvmRead.js';
import { scenario as hugetlbUnshareVsKvmSptes } from './hugetlbUnshareVsKvmSptes.js';
import { scenario as ksmMergeVsKvmWrite } from './ksmMergeVsKvmWrite.js';
import { scenario as ksmWriteProtectVsKvmWrite } from './ksmWriteProtectVsKvmWrite.js';
import { scenario as migrateVmaHoleVsKvmRead } from './migrateVmaHoleVsKvmRead.js';
import { scenario as migrateVmaVsKvmRead } from './migrateVmaVsKvmRead.js';
import { scenario as reclaimAnonVsKvmWrite } from './reclaimAnonVsKvmWrite.js';
import { scenario as reclaimVsKvmFault } from './reclaimVsKvmFault.js';
import { scenario as uprobeVsKvmRead } from './uprobeVsKvmRead.js';
import { scenario as writebackVsKvmWrite } from './writebackVsKvmWrite.js';

export const G3_SCENARIOS: readonly SiteScenario[] = [
  { site: 1, scenario: clearRefsVsKvmWrite },
  { site: 2, scenario: uprobeVsKvmRead },
  { site: 12, scenario: ksmWriteProtectVsKvmWrite },
  { site: 13, scenario: ksmMergeVsKvmWrite },
  { site: 22, scenario: migrateVmaVsKvmRead },
  { site: 23, scenario: migrateVmaHoleVsKvmRead },
  { site: 27, scenario: writebackVsKvmWrite },
  { site: 28, scenario: reclaimVsKvmFault },
  { site: 28, scenario: reclaimAnonVsKvmWrite },
  { site: 28, scenario: hugetlbMigrateVsKvmRead },
  { site: 28, scenario: hugetlbUnshareVsKvmSptes },
];

/** Every G3 scenario `mnc check` runs: the KVM litmus tests and their other-mirror variants. */
export const G3_CHECKS: readonly SiteScenario[] = [...G3_SCENARIOS, ...G3_MIRROR_VARIANTS];
