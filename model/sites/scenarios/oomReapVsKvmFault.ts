/**
 * Site #26 (mm/oom_kill.c:__oom_reap_task_mm), litmus: the oom reaper zaps
 * the victim's anonymous vma (non-blocking start) while a KVM guest of the
 * victim reads the page through its spte. KVM's start never fails on x86.
 * Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'oom-reap-vs-kvm-fault',
  description: 'oom_reap_task -> __oom_reap_task_mm (#26) vs a KVM guest read',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'oom_reaper', op: 'oom_reap_task', args: { mm: 0, retries: 2 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false }, fatalSignal: true },
  ],
};
