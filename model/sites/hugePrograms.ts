/** The programs of the huge-page sites (THP and hugetlb, #3–#11; see notes/huge.md). */
import type { Program } from '../mm/step/Program.js';
import { collapseHugePage } from './collapseHugePage.js';
import { copyHugetlbPageRange, forkHugetlb } from './copyHugetlbPageRange.js';
import { doHugePmdWpPage, doHugePmdWpPageFallback } from './doHugePmdWpPage.js';
import { hugetlbChangeProtection, mprotectHugetlb } from './hugetlbChangeProtection.js';
import { hugetlbCow } from './hugetlbCow.js';
import { hugetlbFault } from './hugetlbFault.js';
import { splitHugePmd, splitHugePmdAddress } from './splitHugePmd.js';
import { splitHugePud, splitHugePudRange } from './splitHugePud.js';
import { hugetlbfsPunchHole, unmapHugepageRange, unmapHugepageRangeFinal, unmapHugepageRangeInner } from './unmapHugepageRange.js';

export const HUGE_PROGRAMS: readonly Program[] = [
  doHugePmdWpPage,
  doHugePmdWpPageFallback,
  splitHugePmd,
  splitHugePmdAddress,
  splitHugePud,
  splitHugePudRange,
  copyHugetlbPageRange,
  forkHugetlb,
  unmapHugepageRangeInner,
  unmapHugepageRangeFinal,
  unmapHugepageRange,
  hugetlbfsPunchHole,
  hugetlbFault,
  hugetlbCow,
  hugetlbChangeProtection,
  mprotectHugetlb,
  collapseHugePage,
];
