/**
 * Site #26 (mm/oom_kill.c:__oom_reap_task_mm) with HMM v5.2, litmus: a
 * device fault holds the driver lock across its commit while the oom
 * reaper's non-blocking start reaches sync_cpu_device_pagetables, whose
 * trylock fails (-EAGAIN). v5.2 mm/hmm.c:hmm_invalidate_range_start stores
 * that -EAGAIN in the loop's own `int ret`, which shadows the function's,
 * so start returns 0: the reaper zaps and frees the page while the device
 * keeps its entry. Fixed in v5.3 ("mm/hmm: Fix error flows in
 * hmm_invalidate_range_start"); v5.2 has no in-tree hmm_mirror user.
 * Expected: violation (finding D5).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'oom-reap-sync-busy-vs-hmm52-fault',
  description: 'oom reaper (#26) vs an HMM v5.2 device fault holding the driver lock: the sync -EAGAIN is swallowed, the device keeps a freed page',
  expect: 'violation',
  expectProperty: 'mirror-coherence',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true }] }],
  mirrors: [{ name: 'hmm520', kind: 'hmm52', mm: 0, entries: [] }],
  threads: [
    { name: 'oom_reaper', op: 'oom_reap_task', args: { mm: 0, retries: 1 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
