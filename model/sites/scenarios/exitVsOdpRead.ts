/**
 * exit-vs-hmm50-read's control with RDMA ODP (v5.0): ib_umem_odp_map_dma_pages
 * takes mmget_not_zero before get_user_pages, so exit's mmput is not the
 * last while the fault walks; the fault's own mmput then runs exit_mmap,
 * teardown included, in the device's context. Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';
import { scenario as hmm50 } from './exitVsHmm50Read.js';

export const scenario: Scenario = {
  ...hmm50,
  name: 'exit-vs-odp-read',
  description: 'exit_mmap vs an RDMA ODP device read of an unmapped page: the fault holds mm_users (mmget_not_zero), the last mmput tears down',
  expect: 'ok',
  expectProperty: undefined,
  mirrors: [{ name: 'odp0', kind: 'odp', mm: 0, entries: [0] }],
};
