/** model/mm/vmaOps.ts: split, link, detach, free and vm_next along the tree or a detached run. */
import { produce } from 'immer';
import { expect, test } from 'vitest';
import type { MmState } from '../../../model/mm/MmState.js';
import { detachVmas, freeVma, linkVma, splitVma, vmNext, vmasIn } from '../../../model/mm/vmaOps.js';
import { buildInitialState } from '../../../model/scenario/buildInitialState.js';
import { defaultRegistry } from '../../../model/scenario/defaultRegistry.js';

const s0: MmState = buildInitialState(
  {
    name: 'vma-ops',
    expect: 'ok',
    geometry: { ptesPerTable: 2, pmdsPerTable: 4, puds: 1 },
    frames: 1,
    mms: [
      {
        vmas: [
          { start: 0, end: 4, prot: 'rw' },
          { start: 5, end: 7, prot: 'r' },
        ],
      },
    ],
    threads: [],
  },
  defaultRegistry(),
);

const bounds = (s: MmState): string => s.mms[0]!.vmas.map((id) => `${id}:[${s.vmas[id]!.start},${s.vmas[id]!.end})`).join(' ');

test('__split_vma keeps the lower part and links the upper one with its file offset', () => {
  const s = produce(s0, (d) => void splitVma(d, 0, 3));
  expect(bounds(s)).toBe('0:[0,3) 2:[3,4) 1:[5,7)');
  expect(s.vmas[2]!.pgoff).toBe(3);
  expect(() => produce(s0, (d) => void splitVma(d, 0, 4))).toThrow(/not inside vma 0/);
});

test('vmasIn lists the whole vmas inside [start, end) in address order', () => {
  const s = produce(s0, (d) => {
    splitVma(d, 0, 1);
    splitVma(d, 1, 6);
  });
  expect(bounds(s)).toBe('0:[0,1) 2:[1,4) 1:[5,6) 3:[6,7)');
  expect(vmasIn(s, 0, 1, 6)).toEqual([2, 1]);
});

test('vm_next follows the tree, and a detached run after detach; freed vmas leave the run', () => {
  const s = produce(s0, (d) => {
    linkVma(d, { mm: 0, start: 8, end: 9, flags: d.vmas[0]!.flags, file: null, pgoff: 0, anonVma: null });
  });
  expect(vmNext(s, 0)).toBe(1);
  const detached = produce(s, (d) => detachVmas(d, 0, [0, 1]));
  expect(bounds(detached)).toBe('2:[8,9)');
  expect(vmNext(detached, 0)).toBe(1);
  expect(vmNext(detached, 1)).toBe(null);
  const freed = produce(detached, (d) => freeVma(d, 1));
  expect(vmNext(freed, 0)).toBe(null);
});
