/**
 * mm/huge_memory.c:__split_huge_pmd_locked (v5.0): each PTE gets the huge
 * PMD's soft-dirty bit (soft_dirty = pmd_soft_dirty(old_pmd)) and is not
 * dirty (the PMD's dirty bit goes to the page: SetPageDirty). The model
 * marked every PTE soft-dirty and copied the dirty bit; these tests fail on it.
 */
import { describe, expect, test } from 'vitest';
import { pmdAt, pteAt } from '../../model/mm/pageTable.js';
import { buildMmModel } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { runInOrder } from './util/explore.js';

const sc = (clearRefs: boolean): Scenario => ({
  name: 'split after clear_refs',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ name: 'anon', start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, huge: true, write: true, dirty: true }] }],
  threads: [
    ...(clearRefs ? [{ name: 'clear_refs', op: 'clear_refs_write', args: { mm: 0 } }] : []),
    { name: 'split', op: 'split_huge_pmd_address', args: { vma: 'vma:anon', addr: 0 } },
  ],
});

describe('__split_huge_pmd_locked copies pmd_soft_dirty, not the dirty bit', () => {
  test('after clear_refs (soft-dirty cleared on the huge PMD) the split PTEs are not soft-dirty', () => {
    const states = runInOrder(buildMmModel(sc(true)));
    expect(states.some((s) => pmdAt(s, 0, 0)?.kind === 'huge' && (pmdAt(s, 0, 0) as { softDirty: boolean }).softDirty === false)).toBe(true);
    const last = states.at(-1)!;
    for (const a of [0, 1]) expect(pteAt(last, 0, a)).toMatchObject({ kind: 'present', softDirty: false, dirty: false, write: false });
  });
  test('a soft-dirty huge PMD splits into soft-dirty PTEs; the dirty bit goes to the page, not the PTEs', () => {
    const last = runInOrder(buildMmModel(sc(false))).at(-1)!;
    for (const a of [0, 1]) expect(pteAt(last, 0, a)).toMatchObject({ kind: 'present', softDirty: true, dirty: false, write: true, young: true });
    const p = pteAt(last, 0, 0);
    expect(p?.kind === 'present' && last.frames[p.frame]!.dirty).toBe(true);
  });
});
