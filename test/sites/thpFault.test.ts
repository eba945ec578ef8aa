/**
 * THP on fault (issue 14): mm/memory.c:__handle_mm_fault -> create_huge_pmd ->
 * mm/huge_memory.c:do_huge_pmd_anonymous_page maps a huge PMD under pmd_lock
 * for an anonymous VM_HUGEPAGE vma (scenario `thp: true`), and falls back to
 * PTEs when the huge page does not fit the vma or cannot be allocated.
 * Each test fails on the model before THP on fault (no `thp` key, PTE faults only).
 */
import { describe, expect, test } from 'vitest';
import { lockState } from '../../model/mm/locks.js';
import { pmdAt, pteAt } from '../../model/mm/pageTable.js';
import { buildMmModel } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { explore, runInOrder, verdict } from './util/explore.js';
import { generateSweep } from '../../model/sweep/generateSweep.js';
import { SCOPES } from '../../model/sweep/SweepScope.js';

const geometry = { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 };
const fault = (addr: number, write: boolean) => ({ name: `cpu${addr}`, op: 'cpu_access', args: { mm: 0, addr, write } });

describe('THP on fault', () => {
  test('a write fault in a VM_HUGEPAGE anonymous vma maps a huge PMD (writable, dirty, young) under the PMD lock', () => {
    const sc: Scenario = {
      name: 'thp fault',
      expect: 'ok',
      geometry,
      frames: 2,
      mms: [{ vmas: [{ start: 0, end: 4, prot: 'rw', thp: true }] }],
      threads: [fault(1, true)],
    };
    const states = runInOrder(buildMmModel(sc));
    const last = states[states.length - 1]!;
    expect(pmdAt(last, 0, 0)).toMatchObject({ kind: 'huge', write: true, dirty: true, young: true });
    const e = pmdAt(last, 0, 0);
    expect(e?.kind === 'huge' && last.frames[e.frame]).toMatchObject({ kind: 'anon', huge: true, ref: 1, map: 1 });
    const set = states.findIndex((s) => pmdAt(s, 0, 0)?.kind === 'huge');
    expect(lockState(states[set]!, 'pmd0.ptl')?.holder).toBe(0);
    expect(pmdAt(last, 0, 2)).toBeNull();
  });
  test('a read fault allocates a huge page too (use_zero_page = 0)', () => {
    const sc: Scenario = {
      name: 'thp read fault',
      expect: 'ok',
      geometry,
      frames: 2,
      mms: [{ vmas: [{ start: 0, end: 2, prot: 'r', thp: true }] }],
      threads: [fault(0, false)],
    };
    const last = runInOrder(buildMmModel(sc)).at(-1)!;
    expect(pmdAt(last, 0, 0)).toMatchObject({ kind: 'huge', write: false });
  });
  test('falls back to a PTE when the huge page does not fit the vma, or without VM_HUGEPAGE', () => {
    for (const v of [
      { start: 0, end: 3, prot: 'rw', thp: true },
      { start: 0, end: 4, prot: 'rw' },
    ]) {
      const sc: Scenario = { name: 'thp fallback', expect: 'ok', geometry, frames: 2, mms: [{ vmas: [v] }], threads: [fault(2, true)] };
      const last = runInOrder(buildMmModel(sc)).at(-1)!;
      expect(pmdAt(last, 0, 2)?.kind).toBe('table');
      expect(pteAt(last, 0, 2)).toMatchObject({ kind: 'present', write: true });
    }
  });
  test('falls back to PTEs when no huge page can be allocated', () => {
    const sc = (frames: number): Scenario => ({
      name: 'thp no memory',
      expect: 'ok',
      geometry,
      frames,
      mms: [{ vmas: [{ start: 0, end: 4, prot: 'rw', thp: true }], mappings: [{ addr: 0, huge: true }] }],
      threads: [fault(2, true)],
    });
    expect(pmdAt(runInOrder(buildMmModel(sc(2))).at(-1)!, 0, 2)?.kind).toBe('huge');
    // the only frame maps [0,2): alloc_hugepage_vma fails -> VM_FAULT_FALLBACK -> __pte_alloc (then do_anonymous_page has no page either)
    expect(pmdAt(runInOrder(buildMmModel(sc(1))).at(-1)!, 0, 2)?.kind).toBe('table');
  });
  test('two racing faults on one huge page: one maps it, the other frees its page (every property holds)', () => {
    const sc: Scenario = {
      name: 'thp race',
      expect: 'ok',
      geometry,
      frames: 2,
      mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw', thp: true }] }],
      threads: [fault(0, true), fault(1, false)],
      // no range starts here (no COW, no site): the contract alone, not the inferred reach-range-started guard
      reach: [],
    };
    expect(verdict(explore(sc))).toBe('ok');
  });
  test('a KVM guest fault (gup) on a THP vma against MADV_DONTNEED keeps every property', () => {
    const sc: Scenario = {
      name: 'thp kvm vs dontneed',
      expect: 'ok',
      geometry,
      frames: 2,
      mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw', thp: true }] }],
      mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0 }],
      threads: [
        { name: 'guest', op: 'kvm.fault', args: { m: 0, addr: 1, write: true } },
        { name: 'dontneed', op: 'madvise_dontneed', args: { mm: 0, start: 0, end: 2 } },
      ],
    };
    expect(verdict(explore(sc))).toBe('ok');
  });
  test('split_huge_pmd_address of a VM_HUGEPAGE vma never faulted (no PMD table) returns at pud_present, whether a device fault maps the THP first or not', () => {
    // fails on the model that called __split_huge_pmd without the walk: a ModelError (no PMD table, no pmd lock)
    const sc: Scenario = {
      name: 'thp split vs odp fault',
      expect: 'ok',
      geometry,
      frames: 2,
      mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw', thp: true }] }],
      mirrors: [{ name: 'odp0', kind: 'odp', mm: 0 }],
      threads: [
        { name: 'split', op: 'split_huge_pmd_address', args: { vma: 0, addr: 0 } },
        { name: 'dev', op: 'device_access', args: { m: 0, addr: 0, write: true } },
      ],
    };
    // both orders are explored: the split finds no table, or splits the THP the device's fault mapped
    expect(verdict(explore(sc))).toBe('ok');
  });
  test('the sweep races THP on fault against the sites that take THP layouts (thp-fault@0)', () => {
    const space = generateSweep(SCOPES.small, { events: 'seed' });
    const sites = new Set(space.configs.filter((c) => c.id.includes('thp-fault@0')).map((c) => c.site));
    expect([...sites].sort((a, b) => a - b)).toEqual([1, 6, 15, 16, 17, 24, 25, 26]);
  });
  test('a thp vma must be anonymous', () => {
    const sc: Scenario = {
      name: 'bad',
      expect: 'ok',
      geometry,
      frames: 2,
      files: [2],
      mms: [{ vmas: [{ start: 0, end: 2, prot: 'r', file: 0, thp: true }] }],
      threads: [fault(0, false)],
    };
    expect(() => buildMmModel(sc)).toThrow(/thp/);
  });
});
