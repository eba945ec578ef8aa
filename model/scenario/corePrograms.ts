/** The programs of the mm core: notifier dispatch, mmu_gather flush, faults, gup and accesses. */
import { accessPrograms } from '../mm/fault/accessPrograms.js';
import { doUserAddrFault, getUserPages } from '../mm/fault/faultPrograms.js';
import { freePgtables } from '../mm/fault/freePgtables.js';
import { doHugePmdAnonymousPage } from '../mm/fault/doHugePmdAnonymousPage.js';
import { handleMmFault } from '../mm/fault/handleMmFault.js';
import { TLB_PROGRAMS } from '../mm/fault/tlbPrograms.js';
import { DISPATCH_PROGRAMS } from '../mm/notifier/dispatchPrograms.js';
import type { Program } from '../mm/step/Program.js';

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
