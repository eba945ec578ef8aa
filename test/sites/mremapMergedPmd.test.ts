/**
 * mremap-merged-pmd-vs-reclaim (model/sites/scenarios/mremapMergedPmdVsReclaim.ts)
 * is F7's control: the rmap locks move_page_tables takes with need_rmap_locks
 * are what keep reclaim's walker off the moving table. Without them the same
 * scenario shows F7 (change-covered), so the scenario's ok is the locks' doing.
 */
import { describe, expect, test } from 'vitest';
import { scenario } from '../../model/sites/scenarios/mremapMergedPmdVsReclaim.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { explore, verdict } from './util/explore.js';

const withLocks = (need: boolean): Scenario => ({
  ...scenario,
  threads: scenario.threads.map((t) => (t.op === 'move_page_tables' ? { ...t, args: { ...t.args, need_rmap_locks: need } } : t)),
});

describe('mremap-merged-pmd-vs-reclaim: the control of F7', () => {
  test('with need_rmap_locks: ok', () => {
    expect(verdict(explore(withLocks(true)))).toBe('ok');
  });
  test('without: the move races the walker (F7, change-covered)', () => {
    expect(verdict(explore(withLocks(false)))).toMatch(/^violation change-covered: /);
  });
});
