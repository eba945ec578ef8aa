/**
 * mm/memory.c:wp_page_copy (v5.0) re-checks pte_same(*vmf->pte, vmf->orig_pte)
 * under the PTE lock: the whole PTE, so an accessed bit set by the CPU
 * between do_wp_page and the check makes the COW back off (the new page is
 * freed, the fault returns and is retried). The model compared only frame
 * and write; this test fails on it (one COW allocation instead of two).
 */
import { describe, expect, test } from 'vitest';
import { pteAt } from '../../model/mm/pageTable.js';
import { buildMmModel } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { stepper } from './util/explore.js';

const sc: Scenario = {
  name: 'cow vs accessed bit',
  expect: 'ok',
  geometry: { ptesPerTable: 1, pmdsPerTable: 1, puds: 1 },
  frames: 3,
  mms: [
    { vmas: [{ start: 0, end: 1, prot: 'rw', anonVma: 0 }], mappings: [{ addr: 0, write: false, young: false }] },
    { vmas: [{ start: 0, end: 1, prot: 'rw', anonVma: 0 }], mappings: [{ addr: 0, write: false, shareWith: { mm: 0, addr: 0 } }] },
  ],
  threads: [
    { name: 'cow', op: 'cpu_access', args: { mm: 0, addr: 0, write: true } },
    { name: 'reader', op: 'cpu_access', args: { mm: 0, addr: 0, write: false } },
  ],
};

describe('wp_page_copy: pte_same compares the whole PTE', () => {
  test('the CPU setting the accessed bit before the check makes the COW back off and retry', () => {
    const { step, state } = stepper(buildMmModel(sc));
    const top = (t: number) => state().threads[t]!.frames.at(-1);
    // the COW thread up to wp_page_copy's PTE lock (do_wp_page has dropped the PTE lock)
    for (let i = 0; i < 200 && !(top(0)?.prog === 'wp_page_copy' && top(0)?.pc === 'pte_offset_map_lock'); i++) step(0);
    expect(top(0)).toMatchObject({ prog: 'wp_page_copy', pc: 'pte_offset_map_lock' });
    const newPage = top(0)!.locals['new_page'] as number;
    const gen0 = state().frames[newPage]!.gen;
    while (step(1));
    expect(pteAt(state(), 0, 0)).toMatchObject({ young: true, write: false });
    while (step(0));
    // backed off (put_page of the first copy), retried: the frame was allocated a second time
    expect(pteAt(state(), 0, 0)).toMatchObject({ kind: 'present', write: true, frame: newPage });
    expect(state().frames[newPage]!.gen).toBe(gen0 + 1);
  });
});
