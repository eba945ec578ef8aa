/**
 * The zero page (mm/memory.c v5.0): do_anonymous_page maps it for a read
 * fault (special PTE: read-only, no rmap, no refcount); a write to it COWs
 * through wp_page_copy with old_page NULL; zap and fork leave its counts
 * alone; migrate_vma_collect treats it as a hole.
 */
import { describe, expect, it } from 'vitest';
import { zeroPfn } from '../../../model/mm/frames.js';
import type { MmState } from '../../../model/mm/MmState.js';
import { pteAt } from '../../../model/mm/pageTable.js';
import type { Scenario } from '../../../model/scenario/Scenario.js';
import { runInOrder as runAll } from '../util/runInOrder.js';

const runInOrder = (sc: Scenario): MmState => runAll(sc).at(-1)!;

const anon = (threads: Scenario['threads']): Scenario => ({
  name: 'zero-page',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ name: 'v', start: 0, end: 2, prot: 'rw' }] }],
  mirrors: [],
  threads,
});

const read = { name: 'read', op: 'cpu_access', args: { mm: 0, addr: 0, write: false } };
const write = { name: 'write', op: 'cpu_access', args: { mm: 0, addr: 0, write: true } };

describe('the zero page', () => {
  it('a read fault on anonymous memory maps the zero page read-only, with no rmap and no refcount', () => {
    const s = runInOrder(anon([read]));
    const z = zeroPfn(s);
    expect(z).toBe(2); // after the pool of 2
    expect(pteAt(s, 0, 0)).toEqual({ kind: 'present', frame: z, write: false, dirty: false, young: true, softDirty: false });
    expect(s.frames[z]).toMatchObject({ kind: 'zero', ref: 1, map: 0 });
    expect(s.frames.slice(0, 2).every((f) => f.kind === 'free')).toBe(true);
  });
  it('a write after it COWs to a new zeroed page (wp_page_copy with old_page NULL)', () => {
    const s = runInOrder(anon([read, write]));
    const p = pteAt(s, 0, 0);
    expect(p).toMatchObject({ kind: 'present', frame: 0, write: true, dirty: true });
    expect(s.frames[0]).toMatchObject({ kind: 'anon', ref: 1, map: 1, ver: 1 });
    expect(s.frames[zeroPfn(s)]).toMatchObject({ kind: 'zero', ref: 1, map: 0 });
  });
  it('munmap zaps the zero page without touching its counts', () => {
    const s = runInOrder(anon([read, { name: 'munmap', op: 'munmap', args: { mm: 0, start: 0, end: 2 } }]));
    expect(s.frames[zeroPfn(s)]).toMatchObject({ kind: 'zero', ref: 1, map: 0 });
    expect(s.mms[0]!.vmas).toEqual([]);
  });
  it('migrate_vma replaces the zero page with the new page (migrate_vma_insert_page, flush path)', () => {
    const s = runInOrder(anon([read, { name: 'driver', op: 'migrate_vma', args: { vma: 'vma:v', start: 0, end: 1 } }]));
    expect(pteAt(s, 0, 0)).toMatchObject({ kind: 'present', frame: 0, write: true });
    expect(s.frames[0]).toMatchObject({ kind: 'anon', ref: 1, map: 1 });
  });
});
