/**
 * A secondary TLB that relies only on invalidate_range: AMD IOMMUv2 PASID
 * binding (drivers/iommu/amd_iommu_v2.c at v5.0; intel-svm is the same
 * shape). The IOMMU walks the CPU page table itself and caches translations
 * in its IOTLB (the entries); mn_invalidate_range flushes one page or the
 * whole IOTLB. A missing translation raises a PPR: do_fault takes mmap_sem,
 * find_extend_vma, access check, handle_mm_fault (the same steps as the CPU
 * fault program), then the device retries.
 */
import { doUserAddrFault } from '../mm/fault/faultPrograms.js';
import { translate } from '../mm/pageTable.js';
import { DONE, defineProgram } from '../mm/step/defineProgram.js';
import type { FaultArgs, InvalidateRangeArgs } from './callbackArgs.js';
import type { MirrorBase, MirrorKind } from './MirrorKind.js';
import { dropEntries, setEntry } from './mirrorLock.js';
import { mirrorState } from './mirrorState.js';
import { releaseProgram } from './releaseProgram.js';
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
        if (t === null || (write && !t.write)) return c.call(doUserAddrFault, { mm, addr, write }, 'ppr_done');
        setEntry(c.s, m, addr, t.frame, t.write);
        c.ret(0);
        return DONE;
      },
    }),
    // down_read(&mm->mmap_sem); vma = find_extend_vma(mm, address); access_error; handle_mm_fault; up_read -- then the device retries
    $.local('ppr_done', (c) => (typeof c.t.rv === 'number' && c.t.rv < 0 ? DONE : 'iommu_walk'), 'do_fault'),
  ],
});

export const svaMirror: MirrorKind = {
  kind: 'sva',
  description: 'IOMMU SVA secondary TLB: invalidate_range only (amd_iommu_v2)',
  source: 'drivers/iommu/amd_iommu_v2.c (v5.0)',
  init: (cfg, pages): SvaState => ({ kind: 'sva', mm: cfg.mm, entries: new Array(pages).fill(null), bound: true }),
  locks: () => [],
  programs: [
    // mn_release: the PASID binding goes (unbind_pasid: clear the PASID entry, flush the IOTLB)
    releaseProgram('sva', 'mn_release', `${I}:mn_release`, undefined, (c) => {
      sva.draft(c.s, c.l.m).bound = false;
    }),
    invalidateRange,
    fault,
  ],
  describe: () => ({}),
};
