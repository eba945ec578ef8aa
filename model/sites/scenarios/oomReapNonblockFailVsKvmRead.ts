/**
 * Site #26 (mm/oom_kill.c:__oom_reap_task_mm), litmus: the oom reaper's
 * non-blocking start meets an RDMA ODP umem (its start returns -EAGAIN for a
 * non-blockable range) and KVM (whose start succeeds: count++, sptes
 * zapped). v5.0 then skips the range end for every subscriber, so KVM's
 * mmu_notifier_count never returns to 0 and the guest's fault retries
 * forever. Fixed upstream in 2021 ("mm/oom_kill: ensure MMU notifier
 * range_end() is paired with range_start()").
 * Expected: violation (a finding).
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
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
