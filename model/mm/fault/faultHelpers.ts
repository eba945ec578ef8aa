/** Shared helpers of the page-fault programs (locals: vma, addr, write, page, cow, slot). */
import { ModelError } from '../../../src/engine/Model.js';
import { LockName } from '../locks.js';
import type { MmState, Scalar } from '../MmState.js';
import { pmdTableOf, pteTableOf } from '../pageTable.js';
import { DONE, type StepCtx } from '../step/Program.js';
import { vmaOf } from '../vmas.js';

export const M = 'mm/memory.c';

/** The locals of handle_mm_fault (handleMmFault.ts) and its step files. */
export type FaultL = {
  vma: number;
  addr: number;
  write: boolean;
  /** the faulting page (a reference held), or -1 */
  page: number;
  /** do_cow_fault's new page, or -1 */
  cow: number;
  /** do_swap_page: the swap slot of the PTE */
  slot: number;
};

/** What the helpers read: a fault program's locals, typed (FaultL) or not (another fault program's). */
type FaultView = { readonly s: MmState; readonly l: { readonly vma?: Scalar; readonly addr?: Scalar; readonly write?: Scalar; readonly page?: Scalar } };

function num(x: Scalar | undefined, name: string): number {
  if (typeof x !== 'number') throw new ModelError(`fault: local ${name} is ${String(x)}, not a number`);
  return x;
}

export const mmOf = (s: MmState, vma: number): number => vmaOf(s, vma).mm;
const mmOfL = (v: FaultView): number => mmOf(v.s, num(v.l.vma, 'vma'));
export const ptl = (v: FaultView): string => LockName.ptl(pteTableOf(v.s, mmOfL(v), num(v.l.addr, 'addr'))!);
export const pmdl = (v: FaultView): string => LockName.pmd(pmdTableOf(v.s, mmOfL(v), num(v.l.addr, 'addr'))!);
export const pageLock = (v: FaultView): string => LockName.page(num(v.l.page, 'page'));

export function here(c: FaultView): { mm: number; addr: number; write: boolean } {
  return { mm: mmOfL(c), addr: num(c.l.addr, 'addr'), write: c.l.write === true };
}

export function finish(c: Pick<StepCtx, 'ret'>, rv: number): typeof DONE {
  c.ret(rv);
  return DONE;
}
