/**
 * The scenarios of the page-table operation sites (memory.c, madvise, mprotect, mremap, oom reaper:
 * #14 #15 #16 #19 #20 #21 #24 #25 #26; model/sites/notes/ptOps.md).
 */
import type { SiteScenario } from './SiteScenario.js';
import { PT_OPS_MIRROR_VARIANTS } from './ptOpsMirrorVariants.js';
import { scenario as cowFaultVsKvmRead } from './cowFaultVsKvmRead.js';
import { scenario as daxMkcleanVsAwareWrite } from './daxMkcleanVsAwareWrite.js';
import { scenario as daxMkcleanVsKvmWrite } from './daxMkcleanVsKvmWrite.js';
import { scenario as daxPmdMkcleanVsKvmRead } from './daxPmdMkcleanVsKvmRead.js';
import { scenario as daxPmdMkcleanVsSplit } from './daxPmdMkcleanVsSplit.js';
import { scenario as forkThpVsKvmWrite } from './forkThpVsKvmWrite.js';
import { scenario as forkVsAwareWrite } from './forkVsAwareWrite.js';
import { scenario as forkVsKvmWrite } from './forkVsKvmWrite.js';
import { scenario as madvFreeVsKvmWrite } from './madvFreeVsKvmWrite.js';
import { scenario as mprotectAtZeroVsKvmRead } from './mprotectAtZeroVsKvmRead.js';
import { scenario as mprotectThpHalfVsKvmWrite } from './mprotectThpHalfVsKvmWrite.js';
import { scenario as mprotectThpVsKvmWrite } from './mprotectThpVsKvmWrite.js';
import { scenario as mprotectVsAwareWrite } from './mprotectVsAwareWrite.js';
import { scenario as mprotectVsKvmWrite } from './mprotectVsKvmWrite.js';
import { scenario as mremapThpSplitVsKvmRead } from './mremapThpSplitVsKvmRead.js';
import { scenario as mremapThpVsKvmRead } from './mremapThpVsKvmRead.js';
import { scenario as mremapVsAwareRead } from './mremapVsAwareRead.js';
import { scenario as mremapVsKvmRead } from './mremapVsKvmRead.js';
import { scenario as mremapPmdVsReclaim } from './mremapPmdVsReclaim.js';
import { scenario as munmapThpHalfVsKvmRead } from './munmapThpHalfVsKvmRead.js';
import { scenario as munmapTwoVmasVsAwareRead } from './munmapTwoVmasVsAwareRead.js';
import { scenario as munmapVsKvmFault } from './munmapVsKvmFault.js';
import { scenario as oomReapNonblockFailVsKvmRead } from './oomReapNonblockFailVsKvmRead.js';
import { scenario as oomReapVsKvmFault } from './oomReapVsKvmFault.js';
import { scenario as oomReapSyncBusyVsHmm52Fault } from './oomReapSyncBusyVsHmm52Fault.js';
import { scenario as oomReapVsExitingHmm52 } from './oomReapVsExitingHmm52.js';
import { scenario as exitVsHmm50Read } from './exitVsHmm50Read.js';
import { scenario as exitVsHmm52Read } from './exitVsHmm52Read.js';
import { scenario as exitVsOdpRead } from './exitVsOdpRead.js';
import { scenario as exitVsSvaRead } from './exitVsSvaRead.js';
import { scenario as exitVsGpuRead } from './exitVsGpuRead.js';

/** The base litmus tests (KVM, event-aware and other own scenarios), by site id. */
export const PT_OPS_BASE_SCENARIOS: readonly SiteScenario[] = [
  { site: 14, scenario: madvFreeVsKvmWrite },
  { site: 15, scenario: forkVsKvmWrite },
  { site: 15, scenario: forkVsAwareWrite },
  { site: 15, scenario: forkThpVsKvmWrite },
  { site: 16, scenario: munmapVsKvmFault },
  { site: 16, scenario: munmapTwoVmasVsAwareRead },
  { site: 16, scenario: munmapThpHalfVsKvmRead },
  { site: 16, scenario: exitVsHmm50Read },
  { site: 16, scenario: exitVsHmm52Read },
  { site: 16, scenario: exitVsSvaRead },
  { site: 16, scenario: exitVsOdpRead },
  { site: 16, scenario: exitVsGpuRead },
  { site: 19, scenario: cowFaultVsKvmRead },
  { site: 20, scenario: daxPmdMkcleanVsKvmRead },
  { site: 20, scenario: daxPmdMkcleanVsSplit },
  { site: 21, scenario: daxMkcleanVsKvmWrite },
  { site: 21, scenario: daxMkcleanVsAwareWrite },
  { site: 24, scenario: mprotectVsKvmWrite },
  { site: 24, scenario: mprotectVsAwareWrite },
  { site: 24, scenario: mprotectAtZeroVsKvmRead },
  { site: 24, scenario: mprotectThpVsKvmWrite },
  { site: 24, scenario: mprotectThpHalfVsKvmWrite },
  { site: 25, scenario: mremapVsKvmRead },
  { site: 25, scenario: mremapVsAwareRead },
  { site: 25, scenario: mremapThpVsKvmRead },
  { site: 25, scenario: mremapThpSplitVsKvmRead },
  { site: 25, scenario: mremapPmdVsReclaim },
  { site: 26, scenario: oomReapVsKvmFault },
  { site: 26, scenario: oomReapNonblockFailVsKvmRead },
  { site: 26, scenario: oomReapSyncBusyVsHmm52Fault },
  { site: 26, scenario: oomReapVsExitingHmm52 },
];

/** Every page-table operation site scenario `mnc check` runs: the base tests and their mirror variants. */
export const PT_OPS_SCENARIOS: readonly SiteScenario[] = [...PT_OPS_BASE_SCENARIOS, ...PT_OPS_MIRROR_VARIANTS];
