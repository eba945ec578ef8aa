/**
 * mm/mprotect.c:mprotect_fixup (v5.0) returns at `if (newflags == oldflags)
 * { *pprev = vma; return 0; }`, before split_vma and change_protection: a
 * vma that already has the protection is neither split nor notified. The
 * model split every vma of the range and ran change_protection over each,
 * so mprotect(PROT_READ) over a read-only vma at address 0 and a writable
 * one after it showed F2 (a range at address 0 never ends) where the kernel
 * starts no range at 0 at all (FINDINGS.md S19). Each test fails before.
 */
import { describe, expect, test } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import type { MmState } from '../../model/mm/MmState.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { explore, runInOrder, verdict } from './util/explore.js';

const twoVmas = (threads: Scenario['threads']): Scenario => ({
  name: 'mprotect-unchanged',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  mms: [
    {
      vmas: [
        { start: 0, end: 2, prot: 'r' },
        { start: 2, end: 3, prot: 'rw' },
      ],
      mappings: [{ addr: 0 }, { addr: 2, write: true, dirty: true }],
    },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0, 2] }],
  threads,
});
const mprotect = (start: number, end: number) => ({ name: 'mprotect', op: 'mprotect', args: { mm: 0, start, end, prot: 'r' } });
/** The start of every notifier range the mprotect thread initialised (from the states it passed). */
const rangeStarts = (states: readonly MmState[]): number[] => [
  ...new Set(states.flatMap((s) => s.threads[0]!.ranges.flatMap((r) => (r === null ? [] : [r.start])))),
];

describe('mprotect_fixup: newflags == oldflags', () => {
  test('the read-only vma is neither split nor notified; the writable one is', () => {
    const states = runInOrder(buildMmModel(twoVmas([mprotect(1, 3)])));
    const end = states.at(-1)!;
    expect(end.mms[0]!.vmas.map((id) => [end.vmas[id]!.start, end.vmas[id]!.end])).toEqual([
      [0, 2],
      [2, 3],
    ]);
    expect(rangeStarts(states)).toEqual([2]);
    expect(end.threads[0]!.rv).toBe(0);
  });

  test('no range at address 0, so no F2, when the vma at 0 already has the protection', () => {
    // no reachability guard: the guest's read of page 0 races no range any more, which is the point
    const sc = twoVmas([mprotect(0, 3), { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } }]);
    expect(verdict(explore(sc, []))).toBe('ok');
  });
});
