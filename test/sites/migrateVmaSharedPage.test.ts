/**
 * migrate_vma of an anonymous page two mms share after fork (mm/migrate.c v5.0): collect replaces
 * mm0's PTE by a migration entry; migrate_vma_unmap finds the page still mapped (mm1) and
 * try_to_unmap walks the anon rmap (try_to_unmap_one, #28, TTU_MIGRATION); migrate_vma_finalize's
 * remove_migration_ptes(page, newpage) walks it again (rmap_walk_anon(newpage) with
 * remove_migration_pte) and maps the new page in both mms. Before, the model stopped at the
 * try_to_unmap with a ModelError, and the sweep did not generate this layout for migrate_vma.
 */
import { describe, expect, it } from 'vitest';
import { buildMmModel, type MmAction } from '../../model/MmModel.js';
import { resolveScenario } from '../../model/scenario/resolveScenario.js';
import { CATALOG } from '../../model/sites/catalog.js';
import { pteAt } from '../../model/mm/pageTable.js';
import type { MmState } from '../../model/mm/MmState.js';
import { generateSweep } from '../../model/sweep/generateSweep.js';
import { SCOPES } from '../../model/sweep/SweepScope.js';
import { exploreConfig } from '../util/sweepConfig.js';
import { reachedStates } from '../util/reachedStates.js';

const shared = (kinds: string, threads: readonly string[]) => {
  const c = generateSweep(SCOPES.small, { events: 'seed', sites: [22] }).configs.find(
    (x) => x.layout.includes('two mms share an anon page') && x.subscribers.join() === kinds && x.threads.join() === threads.join(),
  );
  expect(c, `no small #22 configuration of the COW layout with ${kinds} and ${threads.join(', ')}`).toBeDefined();
  return c!;
};

const walking = (s: MmState, one: string): boolean =>
  s.threads.some((t) => t.frames.some((f) => f.prog === 'rmap_walk_anon') && t.frames.some((f) => f.prog === one));

describe('migrate_vma of a page two mms share', () => {
  const c = shared('kvm', ['migrate_vma(vma0, 0, 1)']);
  const states = reachedStates(buildMmModel(resolveScenario(c.scenario, CATALOG, { profile: 'seed' })));
  const ends = states.filter((s) => s.threads[0]!.frames.length === 0);

  it('unmaps the other mm through the rmap and maps the new page in both', () => {
    expect(states.some((s) => walking(s, 'try_to_unmap_one'))).toBe(true);
    expect(states.some((s) => walking(s, 'remove_migration_pte'))).toBe(true);
    expect(ends.length).toBeGreaterThan(0);
    for (const s of ends) {
      const [p0, p1] = [pteAt(s, 0, 0), pteAt(s, 1, 0)];
      expect(p0?.kind).toBe('present');
      expect(p1).toEqual(p0);
      const f = p0!.kind === 'present' ? p0!.frame : -1;
      expect(f).not.toBe(0); // the new page, not the old one (frame 0)
      expect([s.frames[f]!.map, s.frames[f]!.ref, p0!.kind === 'present' && p0!.write]).toEqual([2, 2, false]);
      expect(s.frames[0]!.kind).toBe('free');
    }
  });

  it('beside a KVM guest read of the page: every property holds', () => {
    const r = exploreConfig(shared('kvm', ['migrate_vma(vma0, 0, 1)', 'kvm0: device read 0']));
    expect([r.status, r.property]).toEqual(['ok', null]);
  });

  it('restores a page pinned before migrate_vma_unmap in both mms (remove_migration_ptes(page, page) by the rmap walk)', () => {
    const m = buildMmModel(resolveScenario(c.scenario, CATALOG, { profile: 'seed' }));
    const run = (s: MmState, until: (s: MmState) => boolean): MmState => {
      for (let i = 0; i < 500 && !until(s); i++) {
        const acts: MmAction[] = [];
        m.actions(s, acts);
        s = m.nextState(
          s,
          acts.find((a) => a.thread === 0)!,
        );
      }
      return s;
    };
    const atUnmap = run(m.initialStates()[0]!, (s) => s.threads[0]!.frames.at(-1)?.pc === 'migrate_vma_unmap');
    expect(pteAt(atUnmap, 0, 0)?.kind).toBe('migration'); // collect locked the page and unmapped mm0's PTE
    // another thread's get_user_pages pins the page now (page_count one above its map count + the isolation reference)
    const pinned: MmState = { ...atUnmap, frames: atUnmap.frames.map((f, i) => (i === 0 ? { ...f, ref: f.ref + 1 } : f)) };
    const seen = new Set<string>();
    const end = run(pinned, (s) => {
      const top = s.threads[0]!.frames.at(-1);
      if (top) seen.add(`${top.prog}:${top.pc}`);
      return s.threads[0]!.frames.length === 0;
    });
    expect(seen).toContain('remove_migration_pte:page_vma_mapped_walk');
    expect(seen).toContain('migrate_vma:remove_migration_ptes:walked');
    for (const mm of [0, 1]) expect(pteAt(end, mm, 0)).toMatchObject({ kind: 'present', frame: 0, write: false });
    expect([end.frames[0]!.map, end.frames[0]!.ref]).toEqual([2, 3]);
  });
});
