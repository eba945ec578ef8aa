/**
 * Site #26 (mm/oom_kill.c:__oom_reap_task_mm), litmus: the oom reaper's
 * non-blocking start meets an RDMA ODP umem (its start returns -EAGAIN for a
 * non-blockable range) and KVM (whose start succeeds: count++, sptes
 * zapped). v5.0 then skips the range end for every subscriber, so KVM's
 * mmu_notifier_count never returns to 0 (and ODP keeps umem_rwsem
 * read-held, D4). The guest thread belongs to the OOM victim and has
 * SIGKILL pending: its fault, which retries on the raised count, leaves
 * vcpu_run with -EINTR. Fixed upstream in 2021 (c2655835fd8c
 * "mm/mmu_notifiers: ensure range_end() is paired with range_start()").
 * Expected: violation (finding F1).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'oom-reap-nonblock-fail-vs-kvm-read',
  description: 'oom reaper (#26) start_nonblock fails on an ODP umem after KVM started: no end, KVM count leaks',
  expect: 'violation',
  expectProperty: 'mirror-quiescent',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true }], notifiers: ['kvm0', 'odp0'] }],
  mirrors: [
    { name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] },
    { name: 'odp0', kind: 'odp', mm: 0 },
  ],
  threads: [
    { name: 'oom_reaper', op: 'oom_reap_task', args: { mm: 0, retries: 1 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false }, fatalSignal: true },
  ],
};
