/**
 * RDMA ODP v5.0 drivers/infiniband/core/umem_odp.c:ib_umem_odp_map_dma_pages:
 * `if (!owning_process || !mmget_not_zero(owning_mm)) { ret = -EINVAL; goto
 * out_put_task; }`. Once exit's mmput dropped mm_users to 0 (exit_mmap ->
 * mmu_notifier_release has begun), an ODP fault fails with -EINVAL at once:
 * no gup, no entry. Fails on the model before (the fault ran, gupped the
 * page, met the dying umem's raised count and gave up with -EFAULT).
 *
 * The reference it takes is counted (model/mm/mmUsers.ts): while the fault
 * holds it, exit's mmput is not the last and releases nothing; the fault's
 * own mmput (end of ib_umem_odp_map_dma_pages) then runs exit_mmap in the
 * fault's thread. Before, the model let the release overlap a fault holding
 * its reference (the last two tests failed on it, checked).
 */
import { describe, expect, test } from 'vitest';
import { buildMmModel } from '../../../model/MmModel.js';
import { BASELINES } from '../../../properties/mutants/baselines.js';
import { runInOrder } from '../../sites/util/explore.js';
import type { MmState } from '../../../model/mm/MmState.js';
import { MMPUT_DEFERRED } from '../../../model/mm/mmUsers.js';
import { reachedStates } from '../../util/reachedStates.js';

const exitVsFault = BASELINES['exit-vs-odp-fault']!;
/** The device thread (1) between its mmget_not_zero and its mmput: its fault's frame waits at `pfn` (gup's return). */
const faultHolds = (s: MmState): boolean => s.threads[1]!.frames.some((f) => f.prog === 'odp.fault' && f.pc === 'pfn');
/** The exit thread (0) before its mmput: its release frame has not run its first step. */
const ownerHolds = (s: MmState): boolean => s.threads[0]!.frames.some((f) => f.prog === 'mmu_notifier_release' && f.locals['put'] === true);

describe('ODP fault after exit_mmap has started (mmget_not_zero)', () => {
  test('exit first, then the device fault: -EINVAL, nothing pinned or mapped', () => {
    const model = buildMmModel(BASELINES['exit-vs-odp-fault']!);
    const states = runInOrder(model);
    const s0 = states[0]!;
    const last = states[states.length - 1]!;
    expect(last.mms[0]!.users).toBe(0);
    expect(last.threads[1]!.rv).toBe(-22);
    expect(last.mirrors[0]!.entries).toEqual(s0.mirrors[0]!.entries);
    expect(last.frames).toEqual(s0.frames);
  });

  test('the device fault before exit still maps the page (mm_users is 1)', () => {
    const model = buildMmModel(BASELINES['exit-vs-odp-fault']!);
    const s0 = model.initialStates()[0]!;
    expect(s0.mms[0]!.users).toBe(1);
    const rev = buildMmModel({ ...BASELINES['exit-vs-odp-fault']!, threads: [...BASELINES['exit-vs-odp-fault']!.threads].reverse() });
    const states = runInOrder(rev);
    expect(states[states.length - 1]!.threads[0]!.rv).toBe(0);
  });

  test("mm_users counts the fault's reference, and the release never runs while the fault holds it", () => {
    const states = reachedStates(buildMmModel(exitVsFault));
    for (const s of states) {
      expect(s.mms[0]!.users).toBe(Number(ownerHolds(s)) + Number(faultHolds(s)));
      const released = s.mirrors[0]!['dying'] === true;
      if (released) expect(faultHolds(s)).toBe(false);
    }
    // the fault's mmput was the last: exit_mmap ran in the device thread, after the exit's mmput released nothing
    expect(states.some((s) => s.threads[1]!.frames.some((f) => f.prog === 'exit_mmap'))).toBe(true);
    expect(states.some((s) => s.threads[0]!.frames.length === 0 && s.threads[0]!.rv === MMPUT_DEFERRED)).toBe(true);
  });

  test('the fault holding its reference when the owner exits tears the mm down itself, then gives up on the dying umem', () => {
    const model = buildMmModel(exitVsFault);
    const acts: { thread: number; outcome: number }[] = [];
    let s = model.initialStates()[0]!;
    const step = (t: number) => {
      acts.length = 0;
      model.actions(s, acts);
      s = model.nextState(
        s,
        acts.find((a) => a.thread === t)!,
      );
    };
    // the device faults until it holds its reference (gup done, mmput next)
    while (!(faultHolds(s) && s.threads[1]!.frames.at(-1)!.prog === 'odp.fault')) step(1);
    // the owner exits: its mmput is not the last
    while (s.threads[0]!.frames.length > 0) step(0);
    expect([s.threads[0]!.rv, s.mms[0]!.users, s.mms[0]!.notifiers]).toEqual([MMPUT_DEFERRED, 1, [0]]);
    // the fault's mmput drops the last reference: exit_mmap (the release) runs in the device thread, then the fault's
    // check meets the raised count and mlx5 pagefault_mr gives up on the dying umem
    while (s.threads[1]!.frames.length > 0) step(1);
    expect([s.mms[0]!.users, s.mms[0]!.notifiers, s.mirrors[0]!['dying'], s.threads[1]!.rv]).toEqual([0, [], true, -14]);
    expect(s.mirrors[0]!['entries']).toEqual(model.initialStates()[0]!.mirrors[0]!['entries']);
  });
});
