/**
 * The huge-page sites (THP and hugetlb, #3–#11): every scenario meets its
 * expected verdict with each device mirror kind under the seed's events
 * (and the v5.2 events, where #10 is a finding); a wrong event on each site
 * gives a counterexample through the event-aware mirror; a vma of another mm
 * breaks range-vma; a vma expression naming nothing in scope is a model error.
 */
import { describe, expect, test } from 'vitest';
import type { SiteConfig } from '../../model/mm/MmState.js';
import { buildMmModel } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { HUGE_BASE_SCENARIOS, HUGE_SCENARIOS, hugeScenario } from '../../model/sites/scenarios/hugeScenarios.js';
import { sharedPmd } from '../../model/sites/scenarios/hugetlbMprotectVsKvmRead.js';
import { mirrorVariant } from '../../model/sites/scenarios/mirrorVariant.js';
import type { ExploreResult } from '../../src/engine/ExploreResult.js';
import { run as runSite, violated, type Profile } from './util/run.js';

const byName = hugeScenario;
/** The litmus test with the event-aware mirror in KVM's place. */
const aware = (name: string): Scenario => hugeScenario(name.replace('kvm', 'aware'));
const withAware = (sc: Scenario): Scenario => mirrorVariant(10, sc, 'aware', 'ok').scenario;

/** Every violation, under the scenario's own profile unless told. */
const run = (sc: Scenario, sites: Record<string, SiteConfig> = {}, profile?: Profile): ExploreResult =>
  runSite(sc, sites, profile ?? sc.profile ?? 'seed', [], { allViolations: true });

describe('huge-page site scenarios and their mirror variants meet their expected verdicts (seed events)', () => {
  for (const { site, scenario } of HUGE_SCENARIOS) {
    test(`#${site} ${scenario.name}`, () => {
      const r = run(scenario);
      if (scenario.expect === 'ok') expect(r.status, JSON.stringify(violated(r))).toBe('ok');
      else {
        expect(r.status).toBe('violation');
        expect(violated(r)).toContain(scenario.expectProperty);
      }
    });
  }
});

describe('findings', () => {
  test('#8 partial munmap with a shared PMD table: the unshare removes a translation outside every range, KVM keeps its spte', () => {
    const r = run(byName('hugetlb-partial-munmap-shared-pmd-vs-kvm-sptes'));
    expect(violated(r)).toEqual(expect.arrayContaining(['change-covered', 'mirror-coherence']));
  });
  test('#10 v5.2 PROTECTION_VMA with a shared PMD table: the event-aware mirror keeps a read-only entry the CPU no longer maps', () => {
    const r = run(byName('hugetlb-unshare-mprotect-v52-vs-aware-read'));
    expect(violated(r)).toEqual(expect.arrayContaining(['event-promise', 'mirror-coherence']));
  });
});

describe('v5.2 events: the merged event passes on every huge-page site but #10 with a shared PMD', () => {
  // The shared-PMD #10 scenario expects the F5 finding under v5.2 (its `profiles`): tested below.
  for (const { site, scenario } of HUGE_BASE_SCENARIOS.filter((x) => x.scenario.expect === 'ok' && !x.scenario.profiles)) {
    test(`#${site} ${scenario.name} (v5.2, aware)`, () => {
      expect(run(aware(scenario.name), {}, 'v5.2').status).toBe('ok');
    });
  }
  test('#10 with a shared PMD under the seed event (UNMAP) holds', () => {
    expect(run(withAware(sharedPmd)).status).toBe('ok');
  });
  test('#10 with a shared PMD: huge_pmd_unshare unmaps under PROTECTION_VMA (finding)', () => {
    const r = run(withAware(sharedPmd), {}, 'v5.2');
    expect(violated(r)).toEqual(expect.arrayContaining(['mirror-coherence', 'event-promise']));
  });
});

describe('a wrong event gives a counterexample through the event-aware mirror', () => {
  const cases: [number, string, string, string][] = [
    [3, 'thp-wp-fallback-vs-kvm-fault', 'MMU_NOTIFY_PROTECTION_VMA', 'vmf->vma'],
    [4, 'thp-wp-fault-vs-kvm-fault', 'MMU_NOTIFY_PROTECTION_VMA', 'vmf->vma'],
    [5, 'dax-pud-split-vs-kvm-read', 'MMU_NOTIFY_PROTECTION_VMA', 'vma'],
    [6, 'thp-split-vs-kvm-write', 'MMU_NOTIFY_SOFT_DIRTY', 'vma'],
    [7, 'hugetlb-fork-vs-kvm-write', 'MMU_NOTIFY_SOFT_DIRTY', 'vma'],
    [8, 'hugetlb-punch-hole-vs-kvm-fault', 'MMU_NOTIFY_PROTECTION_VMA', 'vma'],
    [9, 'hugetlb-cow-vs-kvm-fault', 'MMU_NOTIFY_SOFT_DIRTY', 'vma'],
    [11, 'khugepaged-collapse-vs-kvm-fault', 'MMU_NOTIFY_PROTECTION_PAGE', 'vma'],
  ];
  for (const [site, name, event, vma] of cases) {
    test(`#${site} ${name} with ${event}`, () => {
      const sc = aware(name);
      expect(run(sc).status).toBe('ok');
      const r = run(sc, { [String(site)]: { event: event as SiteConfig['event'], vma } });
      expect(r.status).toBe('violation');
      expect(violated(r)).toContain('mirror-coherence');
    });
  }
});

describe('wrong vma', () => {
  test('#7 passing the child vma (another mm) breaks range-vma', () => {
    const r = run(byName('hugetlb-fork-vs-kvm-write'), { '7': { event: 'MMU_NOTIFY_UNMAP', vma: 'dst_vma' } });
    expect(violated(r)).toContain('range-vma');
  });
  test('#11 passing the revalidated vma instead of the seed NULL still holds', () => {
    expect(run(aware('khugepaged-collapse-vs-kvm-fault'), { '11': { event: 'MMU_NOTIFY_CLEAR', vma: 'vma' } }).status).toBe('ok');
  });
  test('#8 a vma expression that names nothing in scope is a model error', () => {
    const r = run(byName('hugetlb-punch-hole-vs-kvm-fault'), { '8': { event: 'MMU_NOTIFY_UNMAP', vma: 'new_vma' } });
    expect(r.status).toBe('model-error');
  });
});

describe('hugetlb PMD sharing in the model', () => {
  test('fork of a MAP_SHARED hugetlb vma shares the parent PMD table (huge_pmd_share: dst_pte == src_pte), without a notifier range', () => {
    const sc: Scenario = {
      name: 'fork-shared-hugetlb',
      expect: 'ok',
      geometry: { ptesPerTable: 1, pmdsPerTable: 1, puds: 1 },
      frames: 1,
      files: [1],
      mms: [
        { vmas: [{ name: 'p', start: 0, end: 1, prot: 'rw', shared: true, hugetlb: true, file: 0 }], mappings: [{ addr: 0, huge: true, write: true }] },
        { vmas: [{ name: 'c', start: 0, end: 1, prot: 'rw', shared: true, hugetlb: true, file: 0 }] },
      ],
      threads: [{ name: 'fork', op: 'fork_hugetlb', args: { vma: 'vma:p', dst_vma: 'vma:c' } }],
    };
    const m = buildMmModel(sc);
    let s = m.initialStates()[0]!;
    for (;;) {
      const acts: { thread: number; outcome: number }[] = [];
      m.actions(s, acts);
      if (acts.length === 0) break;
      s = m.nextState(s, acts[0]!);
    }
    expect(m.isDone(s)).toBe(true);
    expect(s.mms[1]!.pud[0]).toBe(s.mms[0]!.pud[0]);
    expect(s.pmdTables[s.mms[0]!.pud[0]!]!.share).toBe(2);
    expect(s.threads[0]!.ranges).toHaveLength(0);
  });
});
