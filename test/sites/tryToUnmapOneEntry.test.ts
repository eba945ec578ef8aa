/**
 * try_to_unmap_one (site #28) reads pvmw.pte, which page_vma_mapped_walk found
 * mapping the page under its lock. No scenario takes that entry away, so a
 * state where it is gone is made by hand: the step must fail with a
 * ModelError naming it, not a TypeError on `e.young` (review 2026-12 §2.2).
 */
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { ModelError } from '../../src/engine/Model.js';
import { buildMmModel, type MmAction } from '../../model/MmModel.js';
import type { MmState } from '../../model/mm/MmState.js';
import { scenario as reclaimAnon } from '../../model/sites/scenarios/reclaimAnonVsKvmWrite.js';

const model = buildMmModel({ ...reclaimAnon, threads: reclaimAnon.threads.slice(0, 1) });
const at = (s: MmState, prog: string, pc: string) => {
  const f = s.threads[0]!.frames.at(-1);
  return f?.prog === prog && f.pc === pc;
};

/** kswapd run alone up to try_to_unmap_one's ptep_clear_flush_young_notify. */
function beforeYoungCheck(): MmState {
  let s = model.initialStates()[0]!;
  for (let i = 0; i < 500 && !at(s, 'try_to_unmap_one', 'ptep_clear_flush_young_notify'); i++) {
    const acts: MmAction[] = [];
    model.actions(s, acts);
    s = model.nextState(s, acts[0]!);
  }
  expect(at(s, 'try_to_unmap_one', 'ptep_clear_flush_young_notify')).toBe(true);
  return s;
}

describe('try_to_unmap_one: an entry that is not the mapping of the page is a ModelError', () => {
  it('a present PTE: the step runs', () => {
    const s = beforeYoungCheck();
    expect(() => model.nextState(s, { thread: 0, outcome: 0 })).not.toThrow();
  });
  it('the PTE cleared under the walk: ModelError naming the entry', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a hand-made state: the draft's readonly index types would only add casts
    const cleared = produce(beforeYoungCheck(), (d: any) => void (d.pteTables[0].ptes[0] = null));
    expect(() => model.nextState(cleared, { thread: 0, outcome: 0 })).toThrow(ModelError);
    expect(() => model.nextState(cleared, { thread: 0, outcome: 0 })).toThrow(
      /try_to_unmap_one: pvmw.pte at 0 of mm 0 is none, not the present PTE mapping page/,
    );
  });
});
