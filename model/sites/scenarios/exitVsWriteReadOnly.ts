/**
 * exit_mmap (#16 in its teardown) against a device write fault that fails,
 * for the two mirrors whose fault holds mm_users (RDMA ODP v5.0 and the
 * event-aware mirror): the device writes a page of a read-only vma.
 * ib_umem_odp_map_dma_pages takes mmget_not_zero, and its
 * get_user_pages_remote (FOLL_WRITE, no FOLL_FORCE) fails with -EFAULT.
 * When exit's mmput came first, the fault's mmput is the last: it runs
 * exit_mmap in the device's context, and the fault then returns its error
 * (drivers/infiniband/core/umem_odp.c:ib_umem_odp_map_dma_pages, `mmput`,
 * `return ret`), the path no other scenario runs. The vma covers the whole
 * address space, as in exit-vs-odp-read (a narrower one meets F3 first).
 * The aware variant also runs its ->release. Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const odp: Scenario = {
  name: 'exit-vs-odp-write-read-only',
  description: "exit_mmap vs an RDMA ODP device write to a read-only vma: gup fails, the fault's mmput may be the last",
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'r' }], mappings: [{ addr: 0 }] }],
  mirrors: [{ name: 'odp0', kind: 'odp', mm: 0, entries: [0] }],
  threads: [
    { name: 'exit', op: 'exit_mmap', args: { mm: 0 } },
    { name: 'dev', op: 'device_access', args: { m: 0, addr: 1, write: true } },
  ],
};

export const aware: Scenario = {
  ...odp,
  name: 'exit-vs-aware-write-read-only',
  description: "exit_mmap vs an event-aware mirror's write to a read-only vma: gup fails, the fault's mmput may be the last",
  mirrors: [{ name: 'aware0', kind: 'aware', mm: 0, entries: [0] }],
};
