/**
 * Two mms mapping one hugetlbfs file shared, [0, 2) (two 1-page huge pages
 * under one PUD): mm0 has page 0 mapped huge and writable, mm1 nothing yet,
 * so mm1's first touch shares mm0's PMD table (huge_pmd_share). The threads
 * race on it.
 */
import type { Scenario, ThreadSpec } from '../../../model/scenario/Scenario.js';

const hugeShared = { start: 0, end: 2, prot: 'rw', shared: true, hugetlb: true, file: 0 } as const;

export const sharedHugetlb = (name: string, threads: readonly ThreadSpec[]): Scenario => ({
  name,
  expect: 'ok',
  geometry: { ptesPerTable: 1, pmdsPerTable: 2, puds: 1 },
  frames: 4,
  files: [2],
  mms: [{ vmas: [hugeShared], mappings: [{ addr: 0, huge: true, write: true }] }, { vmas: [hugeShared] }],
  threads,
  profile: 'seed',
});
