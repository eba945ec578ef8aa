/** The litmus scenarios of sites group G3, by site id. */
import type { SiteScenario } from './index.js';
import { scenario as clearRefsVsKvmWrite } from './clearRefsVsKvmWrite.js';
import { scenario as ksmMergeVsKvmWrite } from './ksmMergeVsKvmWrite.js';
import { scenario as ksmWriteProtectVsKvmWrite } from './ksmWriteProtectVsKvmWrite.js';
import { scenario as migrateVmaHoleVsKvmRead } from './migrateVmaHoleVsKvmRead.js';
import { scenario as migrateVmaVsKvmRead } from './migrateVmaVsKvmRead.js';
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
];
