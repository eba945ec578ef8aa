/** Shared helpers of the page-fault programs (locals: vma, addr, write, page, cow). */
import { LockName } from '../locks.js';
import type { MmState } from '../MmState.js';
import { pmdTableOf, pteTableOf } from '../pageTable.js';
import type { StepView } from '../step/Program.js';
import { DONE } from '../step/Program.js';
import type { StepCtx } from '../step/StepCtx.js';
import { vmaOf } from '../vmas.js';

export const M = 'mm/memory.c';
export const num = (v: StepView, k: string): number => v.l[k] as number;
export const mmOf = (s: MmState, vma: number): number => vmaOf(s, vma).mm;
export const ptl = (v: StepView): string => LockName.ptl(pteTableOf(v.s, mmOf(v.s, num(v, 'vma')), num(v, 'addr'))!);
export const pmdl = (v: StepView): string => LockName.pmd(pmdTableOf(v.s, mmOf(v.s, num(v, 'vma')), num(v, 'addr'))!);
export const pageLock = (v: StepView): string => LockName.page(num(v, 'page'));

export function here(c: StepCtx): { mm: number; addr: number; write: boolean } {
  return { mm: mmOf(c.s, c.n('vma')), addr: c.n('addr'), write: c.l['write'] === true };
}

export function finish(c: StepCtx, rv: number): string {
  c.ret(rv);
  return DONE;
}

