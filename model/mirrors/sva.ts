/**
 * A secondary TLB that relies only on invalidate_range: AMD IOMMUv2 PASID
 * binding (drivers/iommu/amd_iommu_v2.c at v5.0; intel-svm is the same
 * shape). The IOMMU walks the CPU page table itself and caches translations
 * in its IOTLB (the entries); mn_invalidate_range flushes one page or the
 * whole IOTLB. A missing translation raises a PPR: do_fault takes mmap_sem,
 * find_extend_vma, access check, handle_mm_fault (the same steps as the CPU
 * fault program), then the device retries.
 */
import type { Draft } from 'immer';
import type { MirrorState } from '../mm/MmState.js';
import { translate } from '../mm/pageTable.js';
import type { Program } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { MirrorBase, MirrorEntry, MirrorKind } from './MirrorKind.js';
import { dropEntries, mirrorOf, setEntry } from './mirrorLock.js';
import { releaseProgram } from './releaseProgram.js';

export interface SvaState extends MirrorBase {
  readonly kind: 'sva';
}

const I = 'drivers/iommu/amd_iommu_v2.c';

const invalidateRange: Program = {
  name: 'sva.invalidate_range',
  locals: (a) => ({ m: a['m'] ?? null, mm: a['mm'] ?? null, start: a['start'] ?? null, end: a['end'] ?? null }),
  steps: [
    {
      label: 'mn_invalidate_range',
      at: `${I}:mn_invalidate_range`,
      run: (c) => {
        // if ((start ^ (end - 1)) < PAGE_SIZE) amd_iommu_flush_page(dev_state->domain, pasid, start); else amd_iommu_flush_tlb(dev_state->domain, pasid);
        const m = c.n('m');
        if (c.n('end') - c.n('start') === 1) dropEntries(c.s, m, c.n('start'), c.n('end'));
        else {
          const e = (mirrorOf<SvaState>(c.s, m) as Draft<SvaState>).entries as (MirrorEntry | null)[];
          dropEntries(c.s, m, 0, e.length);
        }
        return DONE;
      },
    },
  ],
};

const fault: Program = {
  name: 'sva.fault',
  params: ['m', 'addr', 'write'],
  locals: (a) => ({ m: a['m'] ?? null, addr: a['addr'] ?? null, write: a['write'] ?? false }),
  steps: [
    {
      label: 'iommu_walk',
      at: 'IOMMU hardware: page walk of the CPU page table (PASID)',
      run: (c) => {
        const mm = c.s.mirrors[c.n('m')]!.mm;
        const t = translate(c.s, mm, c.n('addr'));
        const write = c.l['write'] === true;
        if (t === null || (write && !t.write)) return c.call('do_user_addr_fault', { mm, addr: c.n('addr'), write }, 'ppr_done');
        setEntry(c.s, c.n('m'), c.n('addr'), t.frame, t.write);
        c.ret(0);
        return DONE;
      },
    },
    {
      label: 'ppr_done',
      at: `${I}:do_fault`,
      local: true,
      // down_read(&mm->mmap_sem); vma = find_extend_vma(mm, address); access_error; handle_mm_fault; up_read -- then the device retries
      run: (c) => (typeof c.t.rv === 'number' && c.t.rv < 0 ? DONE : 'iommu_walk'),
    },
  ],
};

export const svaMirror: MirrorKind = {
  kind: 'sva',
  description: 'IOMMU SVA secondary TLB: invalidate_range only (amd_iommu_v2)',
  source: 'drivers/iommu/amd_iommu_v2.c (v5.0)',
  init: (cfg, pages): SvaState => ({ kind: 'sva', mm: cfg.mm, entries: new Array(pages).fill(null) }),
  locks: () => [],
  programs: [
    // mn_release: the PASID binding goes (unbind_pasid: clear the PASID entry, flush the IOTLB)
    releaseProgram('sva', 'mn_release', `${I}:mn_release`),
    invalidateRange, fault,
  ],
  describe: (_m: MirrorState) => ({}),
};
