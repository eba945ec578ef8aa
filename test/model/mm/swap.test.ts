/**
 * Swap (mm/vmscan.c shrink_page_list, mm/rmap.c try_to_unmap_one,
 * mm/memory.c do_swap_page, v5.0) and reclaim's order: the page leaves the
 * cache before the batched TLB flush, and is freed after it.
 */
import { describe, expect, it } from 'vitest';
import { pteAt } from '../../../model/mm/pageTable.js';
import type { Scenario } from '../../../model/scenario/Scenario.js';
import { runInOrder } from '../util/runInOrder.js';

const anon = (threads: Scenario['threads'], swap = 1): Scenario => ({
  name: 'swap',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  swap,
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true, young: false }] }],
  mirrors: [],
  threads,
});
const reclaim = { name: 'kswapd', op: 'shrink_page_list', args: { mm: 0, addr: 0 } };
const access = (write: boolean) => ({ name: write ? 'write' : 'read', op: 'cpu_access', args: { mm: 0, addr: 0, write } });

describe('anonymous reclaim to swap', () => {
  it('add_to_swap, try_to_unmap (a swap entry), pageout (the slot keeps the content version), __remove_mapping (the page is freed)', () => {
    const s = runInOrder(anon([reclaim])).at(-1)!;
    expect(pteAt(s, 0, 0)).toEqual({ kind: 'swap', slot: 0 });
    expect(s.swap).toEqual([{ count: 1, cache: null, ver: 0 }]);
    expect(s.frames[0]!.kind).toBe('free');
  });
  it('without swap space the page stays mapped (add_to_swap fails: activate_locked)', () => {
    const s = runInOrder(anon([reclaim], 0)).at(-1)!;
    expect(pteAt(s, 0, 0)).toMatchObject({ kind: 'present', frame: 0 });
    expect(s.frames[0]).toMatchObject({ kind: 'anon', ref: 1, map: 1, swap: null });
  });
  it('a read fault swaps the page back in read-only with the written content; the full swap device lets go of the slot (try_to_free_swap)', () => {
    // the write makes the PTE young: the first reclaim only clears it (page_referenced), the second swaps the page out
    const states = runInOrder(anon([access(true), reclaim, { ...reclaim, name: 'kswapd2' }, access(false)]));
    const s = states.at(-1)!;
    const p = pteAt(s, 0, 0);
    expect(p).toMatchObject({ kind: 'present', write: false });
    const f = p?.kind === 'present' ? p.frame : -1;
    expect(s.frames[f]).toMatchObject({ kind: 'anon', ref: 1, map: 1, ver: 1, swap: null, dirty: true });
    expect(s.swap).toEqual([{ count: 0, cache: null, ver: 1 }]);
  });
  it('a write fault swaps in and reuses the page (reuse_swap_page: writable, dirty)', () => {
    const s = runInOrder(anon([reclaim, access(true)])).at(-1)!;
    expect(pteAt(s, 0, 0)).toMatchObject({ kind: 'present', write: true, dirty: true });
    expect(s.swap).toEqual([{ count: 0, cache: null, ver: 0 }]);
  });
  it('munmap frees the swap entry (free_swap_and_cache)', () => {
    const s = runInOrder(anon([reclaim, { name: 'munmap', op: 'munmap', args: { mm: 0, start: 0, end: 2 } }])).at(-1)!;
    expect(s.swap).toEqual([{ count: 0, cache: null, ver: 0 }]);
  });
});

describe("reclaim's order (mm/vmscan.c:shrink_page_list)", () => {
  it('removes the page from the page cache before the batched TLB flush, and frees it after', () => {
    // the read fills the TLB and makes the PTE young: the first reclaim only clears young, the second unmaps
    const sc: Scenario = {
      name: 'reclaim-order',
      expect: 'ok',
      geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
      frames: 2,
      files: [1],
      mms: [{ vmas: [{ start: 0, end: 1, prot: 'r', shared: true, file: 0 }], mappings: [{ addr: 0, young: false }] }],
      mirrors: [],
      threads: [
        { name: 'read', op: 'cpu_access', args: { mm: 0, addr: 0, write: false } },
        { name: 'kswapd', op: 'shrink_page_list', args: { file: 0, index: 0 } },
        { name: 'kswapd2', op: 'shrink_page_list', args: { file: 0, index: 0 } },
      ],
    };
    const states = runInOrder(sc);
    const removed = states.find((s) => s.files[0]!.pages[0] === null)!;
    expect(removed).toBeDefined();
    expect(removed.mms[0]!.tlb[0]).not.toBeNull(); // still cached: the flush comes at the end of the list
    expect(removed.frames[0]!.kind).toBe('file'); // frozen, not yet freed
    const last = states.at(-1)!;
    expect(last.mms[0]!.tlb[0]).toBeNull();
    expect(last.frames[0]!.kind).toBe('free');
  });
});
