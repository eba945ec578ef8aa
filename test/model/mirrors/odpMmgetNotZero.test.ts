/**
 * RDMA ODP v5.0 drivers/infiniband/core/umem_odp.c:ib_umem_odp_map_dma_pages:
 * `if (!owning_process || !mmget_not_zero(owning_mm)) { ret = -EINVAL; goto
 * out_put_task; }`. Once exit's mmput dropped mm_users to 0 (exit_mmap ->
 * mmu_notifier_release has begun), an ODP fault fails with -EINVAL at once:
 * no gup, no entry. Fails on the model before (the fault ran, gupped the
 * page, met the dying umem's raised count and gave up with -EFAULT).
 */
import { describe, expect, test } from 'vitest';
import { buildMmModel } from '../../../model/MmModel.js';
import { BASELINES } from '../../../properties/mutants/baselines.js';
import { runInOrder } from '../../sites/util/explore.js';

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
});
