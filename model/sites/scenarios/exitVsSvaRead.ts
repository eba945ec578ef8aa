/**
 * exit-vs-hmm50-read's control with an IOMMU SVA device (AMD IOMMUv2,
 * v5.0): its PPR fault (do_fault: mmap_sem, handle_mm_fault) holds no
 * mm_users reference either, but mn_release's unbind_pasid marks the PASID
 * invalid (no fault is queued after it) and flush_workqueue(iommu_wq)
 * waits for the faults already queued, so none walks the mm once the
 * release has returned and the teardown begins. Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';
import { scenario as hmm50 } from './exitVsHmm50Read.js';

export const scenario: Scenario = {
  ...hmm50,
  name: 'exit-vs-sva-read',
  description: 'exit_mmap vs an IOMMU SVA device read of an unmapped page: mn_release waits for the PPR fault (flush_workqueue)',
  expect: 'ok',
  expectProperty: undefined,
  mirrors: [{ name: 'sva0', kind: 'sva', mm: 0, entries: [0] }],
};
