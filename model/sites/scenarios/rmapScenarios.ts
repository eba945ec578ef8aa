/**
 * The scenarios of the rmap sites (rmap and page_vma_mapped_walk users: reclaim, writeback, migration,
 * KSM, uprobes; and clear_refs: #1 #2 #12 #13 #22 #23 #27 #28; model/sites/notes/rmap.md).
 */
import type { SiteScenario } from './SiteScenario.js';
import { RMAP_MIRROR_VARIANTS } from './rmapMirrorVariants.js';
import { scenario as clearRefsVsKvmWrite } from './clearRefsVsKvmWrite.js';
import { exitVsClearRefs, exitVsKsmMerge, exitVsReclaim, exitVsUprobeRegister } from './exitVsForeignWalkers.js';
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

/** The base litmus tests (with KVM), by site id. */
export const RMAP_BASE_SCENARIOS: readonly SiteScenario[] = [
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

/** Every rmap site scenario `mnc check` runs: the base tests and their mirror variants. */
export const RMAP_SCENARIOS: readonly SiteScenario[] = [
  ...RMAP_BASE_SCENARIOS,
  ...RMAP_MIRROR_VARIANTS,
  // exit against the walkers from outside the process (exitVsForeignWalkers.ts)
  { site: 1, scenario: exitVsClearRefs },
  { site: 2, scenario: exitVsUprobeRegister },
  { site: 13, scenario: exitVsKsmMerge },
  { site: 28, scenario: exitVsReclaim },
];
