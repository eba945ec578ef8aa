/**
 * mm/mmu_notifier.c (v5.0) dispatch as subroutines. Each subscriber's
 * callback is called in its own steps, so other threads run in between.
 * What the properties need is recorded in the thread's NotifierRange
 * (phase, per-subscriber start result and end count; an ended range is removed).
 *
 *  - `mmu_notifier_invalidate_range_start` {r}: blockable; errors are remembered, the walk goes on, the result is ignored by the caller.
 *  - `mmu_notifier_invalidate_range_start_nonblock` {r}: not blockable; returns the error in `rv` (phase `failed`).
 *  - `mmu_notifier_invalidate_range_end` {r} / `mmu_notifier_invalidate_range_only_end` {r}.
 *  - `mmu_notifier_invalidate_range` {mm, start, end} (from *_clear_flush_notify and tlb_flush_mmu_tlbonly).
 *  - `mmu_notifier_change_pte` {mm, addr, frame, write} (from set_pte_at_notify).
 */
import type { Locals, NotifierRange, SubscriberCall } from '../MmState.js';
import type { Program } from '../step/Program.js';
import { DONE, defineProgram, type Called, type Ctx, type TypedProgram } from '../step/defineProgram.js';
import { callbackProgram, type NotifierCallback } from './callbackProgram.js';
import { mutRangeOf, rangeEnded, rangeOf } from './rangeInit.js';
import { mutMm, mutMmCounts } from '../mutate.js';
import { MMPUT_DEFERRED, mmputLast } from '../mmUsers.js';
import { EXIT_RELEASE, taskOfMmRunning } from '../mmTasks.js';
import { mmputExits, mmputExitsWait } from '../../sites/mmputExits.js';

const H = 'include/linux/mmu_notifier.h';
const C = 'mm/mmu_notifier.c';

/** The locals of a range walk: the range index, the subscriber index, (start) the error to return. */
type WalkL = { r: number; i: number; ret: number };

const kindOf = (c: Ctx<object>, m: number): string => c.s.mirrors[m]!.kind;
const sub = (c: Ctx<WalkL>): SubscriberCall => rangeOf(c, c.l.r).subs[c.l.i]!;
const setSub = (c: Ctx<WalkL>, v: Partial<SubscriberCall>): void => {
  const subs = mutRangeOf(c, c.l.r).subs;
  const i = c.l.i;
  const o = subs[i]!;
  // a literal in SubscriberCall's order, not a spread: one V8 hidden class for every subscriber record (model/mm/copyRoot.ts)
  subs[i] = { mirror: o.mirror, start: v.start !== undefined ? v.start : o.start, ends: v.ends !== undefined ? v.ends : o.ends };
};
/** The subscribers of the range's mm, each not started yet (a loop, not `map`: see clonePlain in mutate.ts). */
const snapshot = (c: Ctx<WalkL>, x: NotifierRange): SubscriberCall[] => {
  const subs: SubscriberCall[] = [];
  for (const mirror of c.s.mms[x.mm]!.notifiers) subs.push({ mirror, start: 'none', ends: 0 });
  return subs;
};

function startProgram(name: string, blockable: boolean): TypedProgram<{ r: number }> {
  /** The walk: the next subscriber's invalidate_range_start, or the end of the walk. */
  const next = (c: Ctx<WalkL>): Called<'invalidate_range_start'> | typeof DONE => {
    const x = mutRangeOf(c, c.l.r);
    while (c.l.i < x.subs.length) {
      const s = sub(c);
      const prog = callbackProgram(kindOf(c, s.mirror), 'invalidate_range_start');
      if (c.has(prog)) return c.callByName(prog, { m: s.mirror, r: c.l.r }, 'invalidate_range_start');
      setSub(c, { start: 'ok' }); // no invalidate_range_start op: nothing to call
      c.l.i += 1;
    }
    // srcu_read_unlock(&srcu, id); return ret;
    x.err = c.l.ret;
    x.phase = !blockable && c.l.ret !== 0 ? 'failed' : 'started';
    c.ret(blockable ? 0 : c.l.ret);
    return DONE;
  };
  return defineProgram({
    name,
    file: H,
    locals: (a: { r: number }): WalkL => ({ r: a.r ?? null, i: 0, ret: 0 }),
    steps: ($) => [
      $.step(name, (c) => {
        // range->blockable = true|false; if (mm_has_notifiers(range->mm)) __mmu_notifier_invalidate_range_start(range):
        // id = srcu_read_lock(&srcu); hlist_for_each_entry_rcu(mn, &range->mm->mmu_notifier_mm->list, hlist) ...
        const x = mutRangeOf(c, c.l.r);
        x.blockable = blockable;
        x.phase = 'starting';
        x.subs = snapshot(c, x);
        return next(c);
      }),
      $.step('invalidate_range_start', {
        at: `${C}:__mmu_notifier_invalidate_range_start`,
        run: (c) => {
          // _ret = mn->ops->invalidate_range_start(mn, range); if (_ret) { pr_info(...); ret = _ret; }  -- and go on
          const rv = typeof c.t.rv === 'number' ? c.t.rv : 0;
          setSub(c, { start: rv === 0 ? 'ok' : 'err' });
          if (rv !== 0) c.l.ret = rv;
          c.l.i += 1;
          return next(c);
        },
      }),
    ],
  });
}

function endProgram(name: string, onlyEnd: boolean): TypedProgram<{ r: number }> {
  type EndL = Omit<WalkL, 'ret'>;
  type To = Called<'invalidate_range' | 'invalidate_range_end'> | typeof DONE;
  /** The walk: subscriber i's invalidate_range (unless only_end), then its invalidate_range_end. */
  const next = (c: Ctx<EndL>): To => {
    const x = mutRangeOf(c, c.l.r);
    if (c.l.i >= x.subs.length) {
      // srcu_read_unlock(&srcu, id);  The range has ended: nothing needs it any more (Thread.ranges).
      rangeEnded(c, c.l.r);
      return DONE;
    }
    const s = sub(c as Ctx<WalkL>);
    const prog = callbackProgram(kindOf(c, s.mirror), 'invalidate_range');
    if (onlyEnd || !c.has(prog)) return endPart(c);
    // if (!only_end && mn->ops->invalidate_range) mn->ops->invalidate_range(mn, range->mm, range->start, range->end);
    return c.callByName(prog, { m: s.mirror, mm: x.mm, start: x.start, end: x.end }, 'invalidate_range');
  };
  const endPart = (c: Ctx<EndL>): To => {
    // if (mn->ops->invalidate_range_end) mn->ops->invalidate_range_end(mn, range);
    const s = sub(c as Ctx<WalkL>);
    setSub(c as Ctx<WalkL>, { ends: s.ends + 1 });
    c.l.i += 1;
    const prog = callbackProgram(kindOf(c, s.mirror), 'invalidate_range_end');
    if (c.has(prog)) return c.callByName(prog, { m: s.mirror, r: c.l.r }, 'invalidate_range_end');
    return next(c);
  };
  return defineProgram({
    name,
    file: H,
    locals: (a: { r: number }): EndL => ({ r: a.r ?? null, i: 0 }),
    steps: ($) => [
      $.step(name, (c) => {
        // if (mm_has_notifiers(range->mm)) __mmu_notifier_invalidate_range_end(range, only_end): id = srcu_read_lock(&srcu); hlist_for_each_entry_rcu(...)
        const x = mutRangeOf(c, c.l.r);
        if (x.subs.length === 0) x.subs = snapshot(c as Ctx<WalkL>, x);
        x.phase = 'ending';
        return next(c);
      }),
      // (only_end never calls invalidate_range: no step to return to)
      ...(onlyEnd ? [] : [$.step('invalidate_range', { at: `${C}:__mmu_notifier_invalidate_range_end`, run: (c) => endPart(c) })]),
      $.step('invalidate_range_end', { at: `${C}:__mmu_notifier_invalidate_range_end`, run: (c) => next(c) }),
    ],
  });
}

/**
 * The walk of the simple dispatchers (locals `mm`, `i`): calls subscriber
 * i's `cb` when its kind has one (returning to the dispatcher's step
 * labelled `cb`, which loops), or goes to `after` when all were called.
 */
function eachSubscriber<const Cb extends NotifierCallback, const A extends string>(
  c: Ctx<{ mm: number; i: number }>,
  cb: Cb,
  args: (m: number) => Locals,
  after: A,
): Called<Cb> | A {
  const subs = c.s.mms[c.l.mm]!.notifiers;
  while (c.l.i < subs.length) {
    const m = subs[c.l.i]!;
    c.l.i += 1;
    const prog = callbackProgram(kindOf(c, m), cb);
    if (c.has(prog)) return c.callByName(prog, args(m), cb);
  }
  return after;
}

/** mm/mmu_notifier.c:__mmu_notifier_invalidate_range {mm, start, end}: each subscriber's invalidate_range (secondary TLB flush). */
export const invalidateRange = defineProgram({
  name: 'mmu_notifier_invalidate_range',
  file: C,
  locals: (a: { mm: number; start: number; end: number }) => ({ mm: a.mm ?? null, start: a.start ?? null, end: a.end ?? null, i: 0 }),
  steps: ($) => [
    $.step('invalidate_range', {
      at: '__mmu_notifier_invalidate_range',
      local: true, // reads only the (constant) subscriber list
      run: (c) =>
        // hlist_for_each_entry_rcu(...) if (mn->ops->invalidate_range) mn->ops->invalidate_range(mn, mm, start, end);
        eachSubscriber(c, 'invalidate_range', (m) => ({ m, mm: c.l.mm, start: c.l.start, end: c.l.end }), DONE),
    }),
  ],
});

/** mm/mmu_notifier.c:__mmu_notifier_change_pte {mm, addr, frame, write}: each subscriber's change_pte. */
export const changePte = defineProgram({
  name: 'mmu_notifier_change_pte',
  file: C,
  locals: (a: { mm: number; addr: number; frame: number; write: boolean }) => ({
    mm: a.mm ?? null,
    addr: a.addr ?? null,
    frame: a.frame ?? null,
    write: a.write ?? false,
    i: 0,
  }),
  steps: ($) => [
    $.step('change_pte', {
      at: '__mmu_notifier_change_pte',
      local: true, // reads only the (constant) subscriber list
      run: (c) =>
        // hlist_for_each_entry_rcu(...) if (mn->ops->change_pte) mn->ops->change_pte(mn, mm, address, pte);
        eachSubscriber(c, 'change_pte', (m) => ({ m, addr: c.l.addr, frame: c.l.frame, write: c.l.write }), DONE),
    }),
  ],
});

/**
 * mm/mmu_notifier.c:__mmu_notifier_release {mm, put} (from exit_mmap): each
 * subscriber's release, then every subscriber is unhooked from the list
 * (later invalidations of this mm call nobody). With `put` (the exit's own
 * call, the default) its first step is also exit's mmput, which runs
 * exit_mmap only when it drops the last reference (model/mm/mmUsers.ts):
 * that step waits until the mm's tasks have ended (model/mm/mmTasks.ts: a
 * CPU access, a KVM vCPU), and when a fault still holds a reference it
 * releases nothing and leaves MMPUT_DEFERRED in `rv` (that fault's mmput
 * runs exit_mmap, with `put` false). Whoever's mmput is the last, __mmput's
 * ksm_exit and khugepaged_exit come next, before exit_mmap's release
 * (model/sites/mmputExits.ts): when the mm has a KSM or khugepaged slot,
 * this step calls them and comes back (`exits`).
 */
export const release = defineProgram({
  name: EXIT_RELEASE,
  file: C,
  params: ['mm'],
  locals: (a: { mm: number; put?: boolean }): { mm: number; i: number; put: boolean; exits: boolean } => ({
    mm: a.mm ?? null,
    i: 0,
    put: a.put ?? true,
    /** __mmput's ksm_exit and khugepaged_exit are done (or have nothing to do) */
    exits: false,
  }),
  steps: ($) => [
    $.step('release', {
      at: '__mmu_notifier_release',
      // exit_mmap runs from the last mmput: every task of the mm has left it first (kernel/exit.c:exit_mm -> mmput)
      guard: (v) => !v.l.put || !taskOfMmRunning(v.s, v.l.mm),
      // hlist_for_each_entry_rcu(mn, &mm->mmu_notifier_mm->list, hlist) if (mn->ops->release) mn->ops->release(mn, mm);
      run: (c) => {
        if (c.l.put) {
          // before it, kernel/fork.c:mmput: if (atomic_dec_and_test(&mm->mm_users)) __mmput(mm) -> exit_mmap(mm) -> mmu_notifier_release(mm)
          // (the owner's reference; once, on the loop's first visit), after kernel/exit.c:exit_mm's task_lock(current); current->mm = NULL; task_unlock(current);
          c.l.put = false;
          mutMmCounts(c.s, c.l.mm).ownerExited = true;
          if (!mmputLast(c.s, c.l.mm)) {
            c.ret(MMPUT_DEFERRED);
            return DONE;
          }
        }
        // kernel/fork.c:__mmput: uprobe_clear_state(mm); exit_aio(mm); ksm_exit(mm); khugepaged_exit(mm); exit_mmap(mm);
        if (!c.l.exits) {
          c.l.exits = true;
          if (mmputExitsWait(c.s, c.l.mm)) return c.call(mmputExits, { mm: c.l.mm }, 'release');
        }
        return eachSubscriber(c, 'release', (m) => ({ m }), 'hlist_del_init_rcu');
      },
    }),
    $.step('hlist_del_init_rcu', {
      at: '__mmu_notifier_release',
      run: (c) => {
        // spin_lock(&mm->mmu_notifier_mm->lock); while (!hlist_empty(...)) hlist_del_init_rcu(&mn->hlist); spin_unlock; synchronize_srcu(&srcu);
        mutMm(c.s, c.l.mm).notifiers = [];
        return DONE;
      },
    }),
  ],
});

/** `mmu_notifier_invalidate_range_start(&range)` {r: the range's index}. */
export const invalidateRangeStart: TypedProgram<{ r: number }> = startProgram('mmu_notifier_invalidate_range_start', true);
/** `mmu_notifier_invalidate_range_start_nonblock(&range)` {r}: the error comes back in `rv`. */
export const invalidateRangeStartNonblock: TypedProgram<{ r: number }> = startProgram('mmu_notifier_invalidate_range_start_nonblock', false);
/** `mmu_notifier_invalidate_range_end(&range)` {r}. */
export const invalidateRangeEnd: TypedProgram<{ r: number }> = endProgram('mmu_notifier_invalidate_range_end', false);
/** `mmu_notifier_invalidate_range_only_end(&range)` {r}. */
export const invalidateRangeOnlyEnd: TypedProgram<{ r: number }> = endProgram('mmu_notifier_invalidate_range_only_end', true);

export const DISPATCH_PROGRAMS: readonly Program[] = [
  invalidateRangeStart,
  invalidateRangeStartNonblock,
  invalidateRangeEnd,
  invalidateRangeOnlyEnd,
  invalidateRange,
  changePte,
  release,
];
