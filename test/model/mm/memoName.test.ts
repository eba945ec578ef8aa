import { describe, expect, it } from 'vitest';
import { memoByIndex, memoByIndexPair, memoByName, memoByNames } from '../../../model/mm/memoName.js';
import { LockName } from '../../../model/mm/locks.js';
import { callbackProgram } from '../../../model/mm/notifier/callbackProgram.js';

describe('memoName (model/mm/memoName.ts)', () => {
  it('gives the name made from the parts, made once per parts', () => {
    let made = 0;
    const f = memoByIndex((n) => (made++, `pte${n}.ptl`));
    expect(f(3)).toBe('pte3.ptl');
    expect(f(3)).toBe('pte3.ptl');
    expect(f(0)).toBe('pte0.ptl');
    expect(made).toBe(2);
  });

  it('makes the name each time for an index it does not keep (negative, fractional, large)', () => {
    let made = 0;
    const f = memoByIndex((n) => (made++, `x${n}`));
    for (const n of [-1, -1, 1.5, 1.5, 1 << 20, 1 << 20]) expect(f(n)).toBe(`x${n}`);
    expect(made).toBe(6);
  });

  it('keys names by two indices without mixing them up, and makes them each time past its bound', () => {
    let made = 0;
    const f = memoByIndexPair((a, b) => (made++, `mm${a}.m[${b}]`));
    for (const [a, b] of [
      [1, 0],
      [0, 1],
      [1, 0],
      [0, 1],
      [1, 4096],
      [1, 4096],
    ] as const)
      expect(f(a, b)).toBe(`mm${a}.m[${b}]`);
    expect(made).toBe(4);
    expect(LockName.hugetlbFaultShared(1, 2)).toBe('file1.hugetlb_fault_mutex[2]');
  });

  it('keys names by one and by two strings without mixing them up', () => {
    const one = memoByName((a) => `${a}:r`);
    expect(one('mm0.mmap_sem')).toBe('mm0.mmap_sem:r');
    expect(one('mm1.mmap_sem')).toBe('mm1.mmap_sem:r');
    let made = 0;
    const two = memoByNames((a: string, b: string) => (made++, `${a}.${b}`));
    // 'a.b' + 'c' and 'a' + 'b.c' make the same string but are different parts
    expect(two('a.b', 'c')).toBe('a.b.c');
    expect(two('a', 'b.c')).toBe('a.b.c');
    expect(two('a.b', 'c')).toBe('a.b.c');
    expect(made).toBe(2);
  });

  it('leaves the model names as they were', () => {
    expect(LockName.mmapSem(0)).toBe('mm0.mmap_sem');
    expect(LockName.ptl(2)).toBe('pte2.ptl');
    expect(LockName.page(7)).toBe('page7.lock');
    expect(LockName.mirror('kvm0', 'mmu_lock')).toBe('kvm0.mmu_lock');
    expect(callbackProgram('kvm', 'invalidate_range_start')).toBe('kvm.invalidate_range_start');
  });
});
