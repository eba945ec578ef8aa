/**
 * mm/huge_memory.c:do_huge_pmd_wp_page (v5.0) checks pmd_same(*vmf->pmd,
 * orig_pmd) under the PMD lock twice, before the copy and after it: the whole
 * PMD value (x86 pmd_same compares pmd_val), so an accessed bit set by the CPU
 * since __handle_mm_fault read orig_pmd makes the fault back off and be
 * retried. The model compared only the frame and the write bit; both tests
 * fail on that (the COW goes on with the stale orig_pmd).
 */
import { describe, expect, test } from 'vitest';
import { pmdAt } from '../../model/mm/pageTable.js';
import { buildMmModel } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { stepper } from './util/explore.js';

/** A THP shared copy-on-write with a fork child, not yet accessed in the parent; the parent writes it while it reads it. */
const sc: Scenario = {
  name: 'thp cow vs accessed bit',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [
    { vmas: [{ start: 0, end: 2, prot: 'rw', anonVma: 0 }], mappings: [{ addr: 0, huge: true, write: false, young: false }] },
    { vmas: [{ start: 0, end: 2, prot: 'rw', anonVma: 0 }], mappings: [{ addr: 0, huge: true, write: false, shareWith: { mm: 0, addr: 0 } }] },
  ],
  threads: [
    { name: 'cow', op: 'cpu_access', args: { mm: 0, addr: 0, write: true } },
    { name: 'reader', op: 'cpu_access', args: { mm: 0, addr: 1, write: false } },
  ],
};

describe('do_huge_pmd_wp_page: pmd_same compares the whole PMD', () => {
  const setUp = (until: string) => {
    const { step, state } = stepper(buildMmModel(sc));
    const top = () => state().threads[0]!.frames.at(-1);
    const at = (pc: string) => top()?.prog === 'do_huge_pmd_wp_page' && top()?.pc === pc;
    for (let i = 0; i < 200 && !at(until); i++) step(0);
    expect(top()).toMatchObject({ prog: 'do_huge_pmd_wp_page', pc: until });
    const newPage = top()!.locals['new_page'] as number;
    const gen0 = newPage >= 0 ? state().frames[newPage]!.gen : -1;
    // the CPU reads the THP: the hardware sets the PMD's accessed bit
    while (step(1));
    expect(pmdAt(state(), 0, 0)).toMatchObject({ kind: 'huge', young: true, write: false });
    const passed: string[] = [];
    while (step(0)) if (top()?.prog === 'do_huge_pmd_wp_page') passed.push(top()!.pc);
    return { state, passed, newPage, gen0 };
  };

  test('set before the first check: the fault backs off unlocked (out_unlock) and the retry copies', () => {
    const { state, passed } = setUp('spin_lock');
    expect(passed[0]).toBe('out_unlock');
    // the retry copied: the parent maps a new writable THP, the child keeps the old one (frame 0)
    expect(pmdAt(state(), 0, 0)).toMatchObject({ kind: 'huge', write: true, frame: 1 });
    expect(pmdAt(state(), 1, 0)).toMatchObject({ kind: 'huge', write: false, frame: 0 });
  });

  test('set between the copy and the second check: the copy is dropped (out_mn) and the retry copies again', () => {
    const { state, passed, newPage, gen0 } = setUp('spin_lock_2');
    // spin_lock_2 finds the PMD changed: put_page(new_page), spin_unlock, the range's end (out_mn), and the fault
    // returns; the access faults again and copies into the page freed by the first attempt
    expect(passed[0]).toBe('spin_unlock_2');
    expect(passed.slice(1, 3)).toEqual(['spin_lock', 'spin_unlock']);
    expect(pmdAt(state(), 0, 0)).toMatchObject({ kind: 'huge', write: true, frame: newPage });
    expect(state().frames[newPage]!.gen).toBe(gen0 + 1);
  });
});
