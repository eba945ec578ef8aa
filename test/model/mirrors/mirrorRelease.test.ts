import { describe, expect, it } from 'vitest';
import { generateSweep } from '../../../model/sweep/generateSweep.js';
import { SCOPES } from '../../../model/sweep/SweepScope.js';
import { runSweepJob } from '../../../src/cli/runSweepJob.js';

const explore = (site: number, id: string, threads: readonly string[]) => {
  const c = generateSweep(SCOPES.medium, { events: 'seed', sites: [site] }).configs.find((x) => x.id === id);
  expect(c, `no medium configuration ${id}`).toBeDefined();
  expect(c!.threads).toEqual(threads);
  return runSweepJob({ site: c!.site, scenario: c!.scenario, events: 'seed', maxSeconds: 120 });
};

/**
 * amd_iommu_v2.c:mn_release unbinds the PASID (unbind_pasid: invalid, GCR3
 * entry cleared, IOTLB flushed): the IOMMU walks nothing for it afterwards
 * and ppr_notify answers PPR_INVALID. A medium-scope sample (Session 18) had
 * the SVA mirror refill its IOTLB after the victim's exit released it, then
 * keep the entry past the oom reaper's zap: tlb-mirror-coherence, a model
 * artifact of a mirror that stayed bound.
 */
describe('the SVA mirror after mn_release', () => {
  it('walks nothing: the oom reaper racing exit and a device read of the mirror keeps every property', () => {
    const r = explore(26, 's26-oom_reap-file-private-rw@0-5b1e168124a8', [
      'oom_reaper: oom_reap_task(mm0)',
      'sva0: device read 0',
      'exit: exit_mmap -> mmu_notifier_release(mm0)',
    ]);
    expect([r.status, r.property]).toEqual(['ok', null]);
  });
});

/**
 * The event-aware mirror (the series' intent, no driver of its own) faults
 * through get_user_pages like a device driver, so it holds an mm reference
 * while it faults (mmget_not_zero, as ODP's fault does), and its release
 * bumps seq so that a fault in flight retries into that check. Before, a
 * fault begun before the victim's exit installed its entry after the
 * release, past the oom reaper's zap (mirror-coherence, a medium-scope
 * sample, Session 18).
 */
describe('the event-aware mirror after release', () => {
  it('installs nothing: the oom reaper racing exit and a device read of the mirror keeps every property', () => {
    const r = explore(26, 's26-oom_reap-anon-rw@across-pmd-505a8de6a8d8', [
      'oom_reaper: oom_reap_task(mm0)',
      'aware0: device read 2',
      'exit: exit_mmap -> mmu_notifier_release(mm0)',
    ]);
    expect([r.status, r.property]).toEqual(['ok', null]);
  });
});
