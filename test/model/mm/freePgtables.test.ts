/** free_pgd_range: PTE tables of whole PMD entries inside [floor, ceiling), then the PMD table of a whole PUD entry. */
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../../model/MmModel.js';
import { freePgdRange } from '../../../model/mm/fault/freePgtables.js';
import type { MmState, Pte } from '../../../model/mm/MmState.js';
import { oneMirror } from '../util/scenarios.js';

/** One mm (2 PTEs per table, 2 PMD entries per table, 2 PUD entries): pages 0, 2 and 4 had PTEs, now cleared (as after unmap). */
function emptied(): MmState {
  const sc = oneMirror('kvm', [], {
    geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 2 },
    frames: 4,
    mirrors: [],
    mms: [{ vmas: [{ start: 0, end: 8, prot: 'rw' }], mappings: [{ addr: 0 }, { addr: 2 }, { addr: 4 }] }],
  });
  return produce(buildMmModel(sc).initialStates()[0]!, (d) => {
    for (const t of d.pteTables) if (t) (t.ptes as Pte[]).fill(null);
  });
}
const liveTables = (s: MmState) => [s.pteTables.filter((t) => t !== null).length, s.pmdTables.filter((t) => t !== null).length];

describe('free_pgd_range', () => {
  it('frees every table of [0, 8) with no neighbours', () => {
    const s = produce(emptied(), (d) => freePgdRange(d as MmState, 0, 0, 8, 0, 0));
    expect(liveTables(emptied())).toEqual([3, 2]);
    expect(liveTables(s)).toEqual([0, 0]);
    expect(s.mms[0]!.pud).toEqual([null, null]);
  });
  it('keeps the PMD table of a PUD entry the range does not cover wholly, and the PTE table a neighbour shares', () => {
    // unmap [0, 3): ceiling 3 (the next vma starts at page 3): page 2's PTE table is shared with it
    const s = produce(emptied(), (d) => freePgdRange(d as MmState, 0, 0, 3, 0, 3));
    expect(s.pmdTables[s.mms[0]!.pud[0]!]!.entries.map((e) => e?.kind ?? null)).toEqual([null, 'table']);
    expect(liveTables(s)).toEqual([2, 2]);
  });
});
