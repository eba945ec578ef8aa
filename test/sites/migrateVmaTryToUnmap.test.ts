/**
 * migrate_vma_unmap's try_to_unmap (mm/migrate.c v5.0): a page collect left mapped (it could not lock it,
 * another migration held the lock) is unmapped by the anon rmap walk, try_to_unmap_one putting a migration
 * entry (#28), then restored or migrated. Before, the model stopped there with a ModelError; a large-scope
 * shard (Session 19) reached it: two migrations of one hole and a CPU write.
 */
import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import { resolveScenario } from '../../model/scenario/resolveScenario.js';
import { CATALOG } from '../../model/sites/catalog.js';
import type { MmState } from '../../model/mm/MmState.js';
import { bfs } from '../../src/engine/bfs.js';
import { exploreConfig, scopeConfig } from '../util/sweepConfig.js';

const ID = 's23-migrate_vma_hole-hole@0-07c0d7f20df9';

describe('migrate_vma_unmap: try_to_unmap of a page collect left mapped', () => {
  it('two migrations of one hole beside a CPU write: every property holds', () => {
    const c = scopeConfig(23, ID, 'large');
    expect(c.threads).toEqual(['migrate_vma(vma0, 0, 1) over a hole', 'cpu mm0: write 0', 'migrate_vma(vma0, 0, 1) over a hole (again)']);
    const r = exploreConfig(c);
    expect([r.status, r.property]).toEqual(['ok', null]);
  });

  it('is reached: a migration thread runs try_to_unmap_one under migrate_vma_unmap', () => {
    const c = scopeConfig(23, ID, 'large');
    const m = buildMmModel(resolveScenario(c.scenario, CATALOG, { profile: 'seed' }));
    // counted on the way, not collected (test/util/reachedStates.ts would keep all 126,402 states alive)
    let reached = 0;
    const under = (s: MmState) =>
      s.threads.some(
        (t) => t.frames.some((f) => f.prog === 'try_to_unmap_one') && t.frames.some((f) => f.prog === 'migrate_vma' && f.pc === 'try_to_unmap_returned'),
      );
    bfs(
      {
        ...m,
        nextState: (s, a) => {
          const n = m.nextState(s, a);
          if (under(n)) reached++;
          return n;
        },
      },
      [],
      {},
    );
    expect(reached).toBeGreaterThan(0);
  });
});
