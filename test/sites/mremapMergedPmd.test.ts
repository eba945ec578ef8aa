/**
 * mremap-merged-pmd-vs-reclaim (model/sites/scenarios/mremapMergedPmdVsReclaim.ts)
 * is F7's control: mremap moves a whole PMD extent to where copy_vma's
 * vma_merge extends the next vma down over it, so move_page_tables runs with
 * need_rmap_locks, and the rmap locks keep reclaim's walker off the moving
 * table. Without the neighbour the same move links a fresh vma, without the
 * locks, and shows F7 (change-covered): the scenario's ok is the merge's doing.
 */
import { describe, expect, test } from 'vitest';
import { scenario } from '../../model/sites/scenarios/mremapMergedPmdVsReclaim.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { explore, verdict } from './util/explore.js';

const withoutNeighbour: Scenario = { ...scenario, mms: scenario.mms.map((m) => ({ ...m, vmas: m.vmas.filter((v) => v.name !== 'next') })) };

describe('mremap-merged-pmd-vs-reclaim: the control of F7', () => {
  test('merged into the next vma (need_rmap_locks): ok', () => {
    expect(verdict(explore(scenario))).toBe('ok');
  });
  test('no neighbour to merge with: a fresh vma, no rmap locks, the move races the walker (F7, change-covered)', () => {
    expect(verdict(explore(withoutNeighbour))).toMatch(/^violation change-covered: /);
  });
});
