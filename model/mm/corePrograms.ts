/** The programs of the mm core: notifier dispatch, mmu_gather flush, faults, gup and accesses. */
import { accessPrograms } from './fault/accessPrograms.js';
import { doUserAddrFault, getUserPages } from './fault/faultPrograms.js';
import { freePgtables } from './fault/freePgtables.js';
import { doHugePmdAnonymousPage } from './fault/doHugePmdAnonymousPage.js';
import { handleMmFault } from './fault/handleMmFault.js';
import { TLB_PROGRAMS } from './fault/tlbPrograms.js';
import { DISPATCH_PROGRAMS } from './notifier/dispatchPrograms.js';
import type { Program } from './step/Program.js';

export const CORE_PROGRAMS: readonly Program[] = [
  ...DISPATCH_PROGRAMS,
  ...TLB_PROGRAMS,
  handleMmFault,
  doHugePmdAnonymousPage,
  freePgtables,
  getUserPages,
  doUserAddrFault,
  ...accessPrograms,
];
