/**
 * S3 (FINDINGS.md "Found by the sweep"): RDMA ODP's ->release
 * (ib_umem_notifier_release_trampoline) raises notifiers_count and sets
 * `dying` on purpose, never to lower it. mirror-quiescent exempts that raise
 * by the flag, and only it: the oom reaper's leaks (F1, D5) stay violations.
 */
import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import type { MmState } from '../../model/mm/MmState.js';
import { buildMmModel } from '../../model/MmModel.js';
import { MIRROR_KINDS } from '../../model/mirrors/mirrorKinds.js';
import { resolveScenario } from '../../model/scenario/resolveScenario.js';
import { CATALOG } from '../../model/sites/catalog.js';
import { generateSweep } from '../../model/sweep/generateSweep.js';
import { SCOPES } from '../../model/sweep/SweepScope.js';
import { mirrorQuiescent } from '../../properties/mirrorQuiescent.js';
import { BASELINES } from '../../properties/mutants/baselines.js';
import { SWEEP_KNOWN_FINDINGS } from '../../properties/knownFindings.js';
import { faultProgress } from '../../properties/faultProgress.js';
import { REACH_GUARDS } from '../../properties/reachGuards.js';
import { kindTable } from '../../properties/view/mirrorKinds.js';
import { runSweepJob } from '../../src/cli/runSweepJob.js';
import { bfs } from '../../src/engine/bfs.js';
import { triage } from '../../src/sweep/triage.js';

const quiescent = mirrorQuiescent(kindTable(MIRROR_KINDS));
const configs = generateSweep(SCOPES.small, { events: 'seed', sites: [26] }).configs;
const sweep = (id: string) => {
  const c = configs.find((x) => x.id === id);
  expect(c, id).toBeDefined();
  const raw = runSweepJob({ site: 26, scenario: c!.scenario, events: 'seed', maxSeconds: 120 });
  return {
    c: c!,
    r: triage(
      { ...raw, id: c!.id, site: '26', path: c!.path, config: { layout: c!.layout, subscribers: [...c!.subscribers], threads: [...c!.threads] } },
      SWEEP_KNOWN_FINDINGS,
      'seed',
    ),
  };
};
/** The configuration explored against mirror-quiescent alone. */
const quiescentOnly = (id: string) => {
  const { scenario, registry } = resolveScenario(configs.find((x) => x.id === id)!.scenario, CATALOG, { profile: 'seed' });
  return bfs(buildMmModel(scenario, { registry }), [quiescent] as never);
};

describe('mirror-quiescent after ODP ->release (S3)', () => {
  it('the exemption is the one raise of a dying umem, no more, and none without the flag', () => {
    const s0 = buildMmModel(BASELINES['dontneed-vs-odp-fault']!).initialStates()[0]!;
    const odp = (s: MmState, count: number, dying: boolean) => produce(s, (d) => void Object.assign(d.mirrors[0]!, { count, dying }));
    expect(quiescent.kind === 'invariant' && quiescent.check(odp(s0, 1, true))).toBeUndefined();
    // raised by someone else: no flag, or more than the release's one
    expect(quiescent.kind === 'invariant' && quiescent.check(odp(s0, 1, false))).toMatch(/odp in-flight count is 1 while/);
    expect(quiescent.kind === 'invariant' && quiescent.check(odp(s0, 2, true))).toMatch(/odp in-flight count is 2 \(1 of it raised for good by ->release\)/);
  });

  it('a fault that meets the raised count of a dying umem gives up (mlx5 pagefault_mr: -EFAULT) instead of retrying forever', () => {
    const model = buildMmModel(BASELINES['exit-vs-odp-fault']!);
    const retried = REACH_GUARDS['reach-fault-retry']!;
    expect(bfs(model, [faultProgress(), quiescent, retried] as never).status).toBe('ok');
  });

  it('every S3 configuration of the small scope (oom reaper vs exit, ODP) keeps mirror-quiescent and shows nothing new', () => {
    const s3 = configs.filter((c) => c.subscribers.join() === 'odp' && c.threads.some((t) => t.includes('mmu_notifier_release')));
    expect(s3.map((c) => c.id)).toContain('s26-oom_reap-anon-rw@0-5233adbb5050');
    for (const c of s3) {
      expect(quiescentOnly(c.id).status, c.id).toBe('ok');
      const { r } = sweep(c.id);
      expect([c.id, r.property === 'mirror-quiescent', r.status === 'ok' || r.known !== null]).toEqual([c.id, false, true]);
    }
  });

  it('F1 and D5 still break mirror-quiescent', () => {
    // F1: kvm raised its count, ODP's non-blocking start failed, the reaper ends nothing
    expect(sweep('s26-oom_reap-anon-rw@0-2d8bf87f728b').r).toMatchObject({ status: 'violation', property: 'mirror-quiescent', known: 'F1' });
    // D5: HMM v5.2's start fails on mirrors_sem, which hmm_release holds, after notifiers++ (a release in progress, no dying flag)
    const d5 = configs.find(
      (c) =>
        c.subscribers.join() === 'hmm52' &&
        c.layout.includes('at address 0') &&
        c.threads.length === 2 &&
        c.threads.some((t) => t.includes('mmu_notifier_release')),
    );
    expect(sweep(d5!.id).r).toMatchObject({ status: 'violation', property: 'mirror-quiescent', known: 'D5' });
    expect(quiescentOnly(d5!.id).status).toBe('violation');
  });
});
