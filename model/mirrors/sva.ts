/**
 * A secondary TLB that relies only on invalidate_range: AMD IOMMUv2 PASID
 * binding (drivers/iommu/amd_iommu_v2.c at v5.0; intel-svm is the same
 * shape). The IOMMU walks the CPU page table itself and caches translations
 * in its IOTLB (the entries); mn_invalidate_range flushes one page or the
 * whole IOTLB. A missing translation raises a PPR: ppr_notify queues
 * do_fault on iommu_wq, which takes mmap_sem, find_extend_vma, access
 * check, handle_mm_fault (the same steps as the CPU fault program), then
 * the device retries. mn_release (unbind_pasid) stops new PPRs and waits
 * for the queued ones (flush_workqueue) before it returns.
 */
import { doUserAddrFault } from '../mm/fault/faultPrograms.js';
import { translate } from '../mm/pageTable.js';
import { DONE, defineProgram } from '../mm/step/defineProgram.js';
import type { FaultArgs, InvalidateRangeArgs } from './callbackArgs.js';
import type { MirrorBase, MirrorKind } from './MirrorKind.js';
import { dropEntries, setEntry } from './mirrorLock.js';
import { mirrorState } from './mirrorState.js';
import { dropAll, releaseLocals } from './releaseProgram.js';
import { EFAULT } from '../mm/errno.js';

export type SvaState = MirrorBase & {
  readonly kind: 'sva';
  /**
   * The PASID is bound to the mm: true until mn_release's unbind_pasid
   * (`pasid_state->invalid = true`, the GCR3 entry cleared, the IOTLB
   * flushed). After it the IOMMU walks nothing, and a PPR for the PASID is
   * answered PPR_INVALID (ppr_notify: `if (pasid_state == NULL ||
   * pasid_state->invalid)`): the device's access fails.
   */
  readonly bound: boolean;
  /**
   * PPR faults queued on iommu_wq and not yet done (ppr_notify:
   * queue_work(iommu_wq, &fault->work); do_fault ends with
   * finish_pri_tag): what unbind_pasid's flush_workqueue waits for.
   */
  readonly queued: number;
};

const I = 'drivers/iommu/amd_iommu_v2.c';
const sva = mirrorState<SvaState>('sva');

const invalidateRange = defineProgram({
  name: 'sva.invalidate_range',
  file: I,
  params: ['m', 'mm', 'start', 'end'],
  locals: (a: InvalidateRangeArgs) => ({ m: a.m, mm: a.mm, start: a.start, end: a.end }),
  steps: ($) => [
    $.step('mn_invalidate_range', {
      at: 'mn_invalidate_range',
      run: (c) => {
        // if ((start ^ (end - 1)) < PAGE_SIZE) amd_iommu_flush_page(dev_state->domain, pasid, start); else amd_iommu_flush_tlb(dev_state->domain, pasid);
        const { m, start, end } = c.l;
        if (end - start === 1) dropEntries(c.s, m, start, end);
        else dropEntries(c.s, m, 0, sva.of(c.s, m).entries.length);
        return DONE;
      },
    }),
  ],
});

const fault = defineProgram({
  name: 'sva.fault',
  file: I,
  params: ['m', 'addr', 'write'],
  locals: (a: FaultArgs) => ({ m: a.m, addr: a.addr, write: a.write ?? false }),
  steps: ($) => [
    $.step('iommu_walk', {
      at: 'IOMMU hardware: page walk of the CPU page table (PASID)',
      run: (c) => {
        const { m, addr, write } = c.l;
        // unbound (mn_release ran): no GCR3 entry to walk, and ppr_notify answers PPR_INVALID
        if (!sva.of(c.s, m).bound) {
          c.ret(EFAULT);
          return DONE;
        }
        const mm = c.s.mirrors[m]!.mm;
        const t = translate(c.s, mm, addr);
        // a missing translation raises a PPR: ppr_notify queues a fault (do_fault) on iommu_wq
        if (t === null || (write && !t.write)) {
          sva.draft(c.s, m).queued += 1;
          return c.call(doUserAddrFault, { mm, addr, write }, 'ppr_done');
        }
        setEntry(c.s, m, addr, t.frame, t.write);
        c.ret(0);
        return DONE;
      },
    }),
    // down_read(&mm->mmap_sem); vma = find_extend_vma(mm, address); access_error; handle_mm_fault; up_read;
    // finish_pri_tag(...); put_pasid_state(fault->state); kfree(fault);  -- the work is done; then the device retries
    $.step('ppr_done', {
      at: `${I}:do_fault`,
      run: (c) => {
        sva.draft(c.s, c.l.m).queued -= 1;
        return typeof c.t.rv === 'number' && c.t.rv < 0 ? DONE : 'iommu_walk';
      },
    }),
  ],
});

/**
 * mn_release {m} (from __mmu_notifier_release): unbind_pasid marks the
 * PASID invalid (ppr_notify queues no fault after it), clears its GCR3
 * entry (the IOMMU walks nothing: the IOTLB flushed), then
 * flush_workqueue(iommu_wq) waits until the faults already queued have
 * run (do_fault: mmap_sem, handle_mm_fault). No fault walks the mm after
 * the release returns, so exit_mmap's teardown never runs beside one.
 */
const release = defineProgram({
  name: 'sva.release',
  file: I,
  params: ['m'],
  locals: releaseLocals,
  steps: ($) => [
    $.step('unbind_pasid', {
      at: `${I}:unbind_pasid`,
      run: (c) => {
        // pasid_state->invalid = true; smp_wmb(); amd_iommu_domain_clear_gcr3(domain, pasid_state->pasid);  (the IOTLB goes with it)
        sva.draft(c.s, c.l.m).bound = false;
        dropAll(c.s, c.l.m);
        return undefined;
      },
    }),
    $.step('flush_workqueue', {
      at: `${I}:unbind_pasid`,
      // /* Make sure no more pending faults are in the queue */ flush_workqueue(iommu_wq);
      guard: (v) => sva.of(v.s, v.l.m).queued === 0,
      run: () => DONE,
    }),
  ],
});

export const svaMirror: MirrorKind = {
  kind: 'sva',
  description: 'IOMMU SVA secondary TLB: invalidate_range only (amd_iommu_v2)',
  source: 'drivers/iommu/amd_iommu_v2.c (v5.0)',
  init: (cfg, pages): SvaState => ({ kind: 'sva', mm: cfg.mm, entries: new Array(pages).fill(null), bound: true, queued: 0 }),
  locks: () => [],
  programs: [release, invalidateRange, fault],
  describe: (m) => ({ queued: sva.from(m).queued }),
};
