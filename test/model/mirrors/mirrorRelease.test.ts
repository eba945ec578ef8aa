import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../../model/MmModel.js';
import { resolveScenario } from '../../../model/scenario/resolveScenario.js';
import { CATALOG } from '../../../model/sites/catalog.js';
import { contractProperties } from '../../../properties/mmProperties.js';
import { bfs } from '../../../src/engine/bfs.js';
import { scopeConfig } from '../../util/sweepConfig.js';

/**
 * Each mirror's release racing the oom reaper and a device read of the
 * mirror (medium scope, #26): every property holds but one. These layouts'
 * first vma does not cover the address space, so exit_mmap's teardown
 * (unmap_vmas over [0, -1)) is F3's range-vma, a fact about the vma the
 * seed passes that concerns no mirror: explored with every violation, it
 * is the only one.
 */
const afterRelease = (id: string, threads: readonly string[]) => {
  const c = scopeConfig(26, id);
  expect(c.threads).toEqual(['oom_reaper: oom_reap_task(mm0)', ...threads, 'exit: exit_mmap(mm0) -> mmu_notifier_release, __oom_reap_task_mm']);
  const model = buildMmModel(resolveScenario(c.scenario, CATALOG, { profile: 'seed' }));
  const r = bfs(model, contractProperties(), { allViolations: true, maxSeconds: 120 });
  expect(r.status).toBe('violation'); // explored to the end: not incomplete, no model error
  expect(r.violations.map((v) => [v.property, /site=exit\/#16/.test(v.message)])).toEqual([['range-vma', true]]);
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
  it("walks nothing: the oom reaper racing exit and a device read of the mirror keeps every property but F3's range-vma", () => {
    afterRelease('s26-oom_reap-file-private-rw@0-2f475a4e4333', ['sva0: device read 0']);
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
  it("installs nothing: the oom reaper racing exit and a device read of the mirror keeps every property but F3's range-vma", () => {
    afterRelease('s26-oom_reap-anon-rw@across-pmd-fe48002c7cbf', ['aware0: device read 2']);
  });
});

/**
 * exit_mmap runs from the last mmput, once every task of the mm has left it
 * (kernel/exit.c:exit_mm -> mmput): a KVM vCPU is a thread of the VM's
 * process, so its guest access ends before the release (model/mm/mmTasks.ts).
 * Session 18's sweep did not generate these configurations (S8: the release
 * had overlapped a guest access that then faulted an spte in past the
 * reaper's zap, mirror-coherence); without the release's wait, 47 of the 448
 * such medium #26 configurations show it.
 */
describe("KVM's release and the VM's vCPU", () => {
  it("the release waits for the guest access: the oom reaper racing both keeps every property but F3's range-vma", () => {
    afterRelease('s26-oom_reap-thp@pmd-2-8ab9478ddb10', ['kvm0: device read 2']);
    afterRelease('s26-oom_reap-thp@0-b81206eb74b9', ['kvm0: device write 1']);
  });
});
