/**
 * Sites group g2 (THP and hugetlb, #3–#11): every scenario meets its
 * expected verdict with each device mirror kind under the seed's events
 * (and the v5.2 events, where #10 is a finding); a wrong event on each site
 * gives a counterexample through the event-aware mirror; a vma of another mm
 * breaks range-vma; a vma expression naming nothing in scope is a model error.
 */
import { describe, expect, test } from 'vitest';
import type { SiteConfig } from '../../model/mm/MmState.js';
import { buildMmModel } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { G2_SCENARIOS, withMirror } from '../../model/sites/scenarios/g2Scenarios.js';
import { mmProperties } from '../../properties/mmProperties.js';
import { bfs } from '../../src/engine/bfs.js';
import type { ExploreResult } from '../../src/engine/ExploreResult.js';

function byName(name: string): Scenario {
  const x = G2_SCENARIOS.find((s) => s.scenario.name === name);
  if (!x) throw new Error(`no g2 scenario ${name}`);
  return x.scenario;
}

function run(sc: Scenario, sites: Record<string, SiteConfig> = {}, profile?: 'seed' | 'v5.2'): ExploreResult {
  const scenario: Scenario = { ...sc, profile: profile ?? sc.profile ?? 'seed', sites: { ...(sc.sites ?? {}), ...sites } };
  return bfs(buildMmModel(scenario), mmProperties(scenario), { allViolations: true });
}

const violated = (r: ExploreResult): string[] => (r.status === 'violation' || r.status === 'incomplete' ? r.violations.map((v) => v.property) : []);

describe('g2 scenarios meet their expected verdicts', () => {
  for (const { site, scenario } of G2_SCENARIOS) {
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

describe('each g2 race holds with the other mirror kinds (seed events)', () => {
  for (const { site, scenario } of G2_SCENARIOS.filter((x) => x.scenario.expect === 'ok')) {
    for (const kind of ['kvm', 'aware', 'odp']) {
      test(`#${site} ${scenario.name} with ${kind}`, () => {
        const r = run(withMirror(scenario, kind));
        expect(r.status, JSON.stringify(violated(r))).toBe('ok');
      });
    }
  }
  test('#8 with HMM v5.2: the mirror finding (range valid again when notifiers drops to 0, stale commit) shows here too', () => {
    const r = run(withMirror(byName('hugetlb-punch-hole-vs-kvm-fault'), 'hmm52'));
    expect(violated(r)).toContain('mirror-coherence');
  });
});

describe('v5.2 events: the merged event passes on every g2 site but #10 with a shared PMD', () => {
  for (const { site, scenario } of G2_SCENARIOS.filter((x) => x.scenario.expect === 'ok' && x.site !== 10)) {
    test(`#${site} ${scenario.name} (v5.2, aware)`, () => {
      expect(run(withMirror(scenario, 'aware'), {}, 'v5.2').status).toBe('ok');
    });
  }
  test('#10 without PMD sharing: PROTECTION_VMA is the right event', () => {
    const base = byName('hugetlb-unshare-mprotect-vs-aware-read');
    const alone: Scenario = { ...base, threads: base.threads.filter((t) => t.name !== 'other') };
    expect(run(alone, {}, 'v5.2').status).toBe('ok');
  });
  test('#10 with a shared PMD: huge_pmd_unshare unmaps under PROTECTION_VMA (finding)', () => {
    const r = run(byName('hugetlb-unshare-mprotect-vs-aware-read'), {}, 'v5.2');
    expect(violated(r)).toEqual(expect.arrayContaining(['mirror-coherence', 'event-promise']));
  });
});

describe('a wrong event gives a counterexample through the event-aware mirror', () => {
  const cases: [number, string, string, string][] = [
    [3, 'thp-wp-fallback-vs-kvm-fault', 'MMU_NOTIFY_PROTECTION_VMA', 'vmf->vma'],
    [4, 'thp-wp-fault-vs-kvm-fault', 'MMU_NOTIFY_PROTECTION_VMA', 'vmf->vma'],
    [6, 'thp-split-vs-kvm-write', 'MMU_NOTIFY_SOFT_DIRTY', 'vma'],
    [7, 'hugetlb-fork-vs-kvm-write', 'MMU_NOTIFY_SOFT_DIRTY', 'vma'],
    [8, 'hugetlb-punch-hole-vs-kvm-fault', 'MMU_NOTIFY_PROTECTION_VMA', 'vma'],
    [9, 'hugetlb-cow-vs-kvm-fault', 'MMU_NOTIFY_SOFT_DIRTY', 'vma'],
    [11, 'khugepaged-collapse-vs-kvm-fault', 'MMU_NOTIFY_PROTECTION_PAGE', 'vma'],
  ];
  for (const [site, name, event, vma] of cases) {
    test(`#${site} ${name} with ${event}`, () => {
      const sc = withMirror(byName(name), 'aware');
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
    expect(run(withMirror(byName('khugepaged-collapse-vs-kvm-fault'), 'aware'), { '11': { event: 'MMU_NOTIFY_CLEAR', vma: 'vma' } }).status).toBe('ok');
  });
  test('#8 a vma expression that names nothing in scope is a model error', () => {
    const r = run(byName('hugetlb-punch-hole-vs-kvm-fault'), { '8': { event: 'MMU_NOTIFY_UNMAP', vma: 'new_vma' } });
    expect(r.status).toBe('model-error');
  });
});
