/**
 * The PTE walk every PTE-level loop of mm/ shares (zap_pte_range,
 * madvise_free_pte_range, change_pte_range, copy_pte_range, ...):
 *
 *   pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
 *   do { if (pte_none(*pte)) continue; <visit the PTE> } while (pte++, addr += PAGE_SIZE, addr != end);
 *   pte_unmap_unlock(pte - 1, ptl);
 *
 * as typed steps of one program (defineProgram):
 *  - `lock`: takes the PTE lock, sets the cursor local to the first address;
 *    falls through, so the loop step must follow it in the program's list;
 *  - `loop`: one step per visited PTE. It passes over the PTEs `skip` says
 *    (default: `pte_none`) in the same step (nobody else can change them:
 *    the PTE lock is held), then either ends the pass (goes to `done`) or
 *    sets the cursor past the PTE and visits it; the visit's result is the
 *    next label (undefined: the next PTE, i.e. the loop step again);
 *  - `unlock`: `pte_unmap_unlock`, then `then` (the next label).
 * Each site keeps its own `visit` and whatever lies between the loop and the
 * unlock (zap_pte_range's force flush, a second lock, ...): `pteWalk`
 * returns the three steps by name and the site places them.
 *
 *   const w = pteWalk($, { at: 'zap_pte_range', ptl, mm, cursor: 'pte', from: (c) => c.l.addr, end: (v) => v.l.next,
 *     lock: 'pte_offset_map_lock', loop: 'ptep_get_and_clear_full', done: 'pte_unmap_unlock',
 *     visit: (c, addr, pte) => { ... }, unlock: 'pte_unmap_unlock', then: () => 'zap_pmd_range' });
 *   steps: [..., w.lock, w.loop, w.unlock, ...]
 *
 * `pteLoop` alone gives the loop step, for walks that take their locks in
 * their own way (copy_pte_range takes two). `pmdEntryPteWalk` is `pteWalk`
 * for the common caller, a *_pmd_range loop that calls the PTE function on
 * one PMD entry [addr, next) of its vma (locals `vma`, `addr`, `next`, the
 * cursor `pte`): pte_offset_map_lock(vma->vm_mm, pmd, addr, &ptl) ...
 * pte_unmap_unlock.
 */
import { LockName } from '../mm/locks.js';
import type { Pte } from '../mm/MmState.js';
import { pteAt, pteTableOf } from '../mm/pageTable.js';
import { vmaOf } from '../mm/vmas.js';
import type { AnyGoto, Ctx, StepBuilder, TargetsOf, TypedStep, View } from '../mm/step/defineProgram.js';

/** The locals of L holding a number (a cursor). */
export type NumberLocal<L> = { [K in keyof L]-?: L[K] extends number ? K : never }[keyof L] & string;

const cursorOf = <L extends object>(v: { readonly l: Readonly<L> }, k: NumberLocal<L>): number => (v.l as unknown as Readonly<Record<string, number>>)[k]!;
const setCursor = <L extends object>(c: Ctx<L>, k: NumberLocal<L>, a: number): void => {
  (c.l as unknown as Record<string, number>)[k] = a;
};

export interface PteLoopSpec<L extends object, Loop extends string, Done extends string, R extends AnyGoto> {
  /** The loop step's label (the kernel's per-PTE operation, e.g. `ptep_get_and_clear_full`). */
  readonly loop: Loop;
  /** `file:function` or a function of the program's file (default: the program's own). */
  readonly at?: string;
  /** The mm whose page tables are walked. */
  readonly mm: (v: View<L>) => number;
  /** The local holding the next address to look at. */
  readonly cursor: NumberLocal<L>;
  /** The end of the pass (exclusive): `end` of the PTE loop. */
  readonly end: (v: View<L>) => number;
  /** The label after the last PTE (typically the unlock). */
  readonly done: Done;
  /** Sets the cursor to the end when the pass ends (zap_pte_range's model keeps it; the others leave it at the last visited PTE + 1). */
  readonly setCursorAtEnd?: boolean;
  /** PTEs passed over in the same step (default: `pte_none`). It may change the PTE (madvise_free clears swap entries). */
  readonly skip?: (c: Ctx<L>, addr: number, pte: Pte) => boolean;
  /** The visit of a PTE `skip` did not pass over; the cursor is already past it. Undefined: go on with the next PTE. */
  readonly visit: (c: Ctx<L>, addr: number, pte: NonNullable<Pte>) => R;
}

/** The loop step of a PTE walk (see the file comment). */
export function pteLoop<L extends object, const Loop extends string, const Done extends string, const R extends AnyGoto>(
  $: StepBuilder<L>,
  spec: PteLoopSpec<L, Loop, Done, R>,
): TypedStep<Loop, Loop | Done | TargetsOf<R>> {
  const skip = spec.skip ?? ((_c: Ctx<L>, _a: number, p: Pte): boolean => p === null);
  const step = $.step(spec.loop, {
    ...(spec.at !== undefined ? { at: spec.at } : {}),
    run: (c: Ctx<L>): AnyGoto => {
      const mm = spec.mm(c);
      const end = spec.end(c);
      let a = cursorOf(c, spec.cursor);
      while (a < end && skip(c, a, pteAt(c.s, mm, a))) a++;
      if (a >= end) {
        if (spec.setCursorAtEnd === true) setCursor(c, spec.cursor, a);
        return spec.done;
      }
      setCursor(c, spec.cursor, a + 1);
      return spec.visit(c, a, pteAt(c.s, mm, a)!) ?? spec.loop;
    },
  });
  return step as unknown as TypedStep<Loop, Loop | Done | TargetsOf<R>>;
}

export interface PteWalkSpec<
  L extends object,
  Lock extends string,
  Loop extends string,
  Done extends string,
  R extends AnyGoto,
  Unlock extends string,
  U extends AnyGoto,
> extends PteLoopSpec<L, Loop, Done, R> {
  /** The lock step's label (`pte_offset_map_lock`). */
  readonly lock: Lock;
  /** The PTE lock (`ptl`) of the walked table. */
  readonly ptl: (v: View<L>) => string;
  /** The first address of the pass (the cursor's value after the lock). */
  readonly from: (c: Ctx<L>) => number;
  /** More done under the lock, in the lock's step, after the cursor is set (e.g. `force_flush = 0`). */
  readonly locked?: (c: Ctx<L>) => void;
  /** The unlock step's label (`pte_unmap_unlock`). */
  readonly unlock: Unlock;
  /** After `pte_unmap_unlock`, in the same step: the next label. */
  readonly then: (c: Ctx<L>) => U;
}

/** The lock, loop and unlock steps of a PTE walk (see the file comment). */
export function pteWalk<
  L extends object,
  const Lock extends string,
  const Loop extends string,
  const Done extends string,
  const R extends AnyGoto,
  const Unlock extends string,
  const U extends AnyGoto,
>(
  $: StepBuilder<L>,
  spec: PteWalkSpec<L, Lock, Loop, Done, R, Unlock, U>,
): {
  readonly lock: TypedStep<Lock, never>;
  readonly loop: TypedStep<Loop, Loop | Done | TargetsOf<R>>;
  readonly unlock: TypedStep<Unlock, TargetsOf<U>>;
} {
  const at = spec.at !== undefined ? { at: spec.at } : {};
  const lock = $.lock(spec.lock, spec.ptl, {
    ...at,
    then: (c: Ctx<L>): undefined => {
      setCursor(c, spec.cursor, spec.from(c));
      spec.locked?.(c);
      return undefined;
    },
  });
  const unlock = $.unlock(spec.unlock, spec.ptl, { ...at, then: (c: Ctx<L>): AnyGoto => spec.then(c) });
  return {
    lock,
    loop: pteLoop($, spec),
    unlock: unlock as unknown as TypedStep<Unlock, TargetsOf<U>>,
  };
}

/** The locals of a *_pmd_range loop walking one PMD entry's PTEs with pmdEntryPteWalk. */
export interface PmdEntryLocals {
  readonly vma: number;
  /** the PMD entry's first address */
  readonly addr: number;
  /** pmd_addr_end(addr, end): the end of the PTE pass */
  readonly next: number;
  /** the cursor: the next PTE address */
  readonly pte: number;
}

/** What a pmdEntryPteWalk site still says: its labels (the lock and unlock are the kernel's), visit and what follows. */
export type PmdEntryPteWalkSpec<L extends PmdEntryLocals, Loop extends string, Done extends string, R extends AnyGoto, U extends AnyGoto> = Omit<
  PteWalkSpec<L, 'pte_offset_map_lock', Loop, Done, R, 'pte_unmap_unlock', U>,
  'lock' | 'unlock' | 'ptl' | 'mm' | 'cursor' | 'from' | 'end'
>;

/** pteWalk over the PTE table of the PMD entry [addr, next) of the vma's mm (see the file comment). */
export function pmdEntryPteWalk<
  L extends PmdEntryLocals,
  const Loop extends string,
  const Done extends string,
  const R extends AnyGoto,
  const U extends AnyGoto,
>($: StepBuilder<L>, spec: PmdEntryPteWalkSpec<L, Loop, Done, R, U>) {
  const mm = (v: View<L>): number => vmaOf(v.s, v.l.vma).mm;
  return pteWalk($, {
    ...spec,
    mm,
    ptl: (v) => LockName.ptl(pteTableOf(v.s, mm(v), v.l.addr)!),
    cursor: 'pte' as NumberLocal<L>,
    from: (c) => c.l.addr,
    end: (v) => v.l.next,
    lock: 'pte_offset_map_lock',
    unlock: 'pte_unmap_unlock',
  });
}
