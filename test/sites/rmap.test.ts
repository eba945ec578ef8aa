/**
 * The rmap sites (#1 #2 #12 #13 #22 #23 #27 #28): every scenario (KVM and
 * the other mirror kinds) meets its expected verdict with the seed's events;
 * with the event-aware mirror in KVM's place a wrong event leaves a stale or
 * writable device entry (mirror-coherence), and the v5.2 events pass except
 * SOFT_DIRTY on clear_refs_write (a finding); the vma expressions resolve in
 * each site's scope, and one that names nothing there is a model error.
 */
import { describe, expect, test } from 'vitest';
import type { SiteConfig } from '../../model/mm/MmState.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { RMAP_BASE_SCENARIOS, RMAP_SCENARIOS } from '../../model/sites/scenarios/rmapScenarios.js';
import type { ExploreResult } from '../../src/engine/ExploreResult.js';
import { run, violated } from './util/run.js';

function byName(name: string): Scenario {
  const x = RMAP_BASE_SCENARIOS.find((s) => s.scenario.name === name);
  if (!x) throw new Error(`no rmap site scenario ${name}`);
  return x.scenario;
}

/** The scenario with the event-aware mirror in KVM's place. */
const aware = (sc: Scenario): Scenario => ({
  ...sc,
  name: sc.name.replace('kvm', 'aware'),
  mirrors: (sc.mirrors ?? []).map((m) => ({ ...m, name: 'aware0', kind: 'aware' })),
});

const messages = (r: ExploreResult): string => JSON.stringify(r.status === 'model-error' ? r.message : violated(r));

describe('rmap site scenarios (KVM and every other mirror kind) meet their expected verdicts with the seed events', () => {
  for (const { site, scenario } of RMAP_SCENARIOS) {
    test(`#${site} ${scenario.name}`, () => {
      const r = run(scenario);
      if (scenario.expect === 'ok') expect(r.status, messages(r)).toBe('ok');
      else {
        expect(r.status).toBe('violation');
        expect(violated(r)).toContain(scenario.expectProperty);
      }
    });
  }
});

describe('with the event-aware mirror and the v5.2 events', () => {
  for (const { site, scenario } of RMAP_BASE_SCENARIOS.filter((x) => x.site !== 1)) {
    test(`#${site} ${aware(scenario).name}: the v5.2 events pass`, () => {
      const r = run(aware(scenario), {}, 'v5.2');
      expect(r.status, messages(r)).toBe('ok');
    });
  }

  test('#1 clear_refs_write with the v5.2 SOFT_DIRTY: the device keeps write access the CPU lost (finding)', () => {
    const r = run(aware(byName('clear-refs-vs-kvm-write')), {}, 'v5.2');
    expect(violated(r)).toEqual(['mirror-coherence']);
    // with the seed's UNMAP the same scenario passes
    expect(run(aware(byName('clear-refs-vs-kvm-write'))).status).toBe('ok');
  });
});

describe('through the event-aware mirror, a wrong event leaves a stale device entry', () => {
  const SOFT = 'MMU_NOTIFY_SOFT_DIRTY' as const;
  const UNMAP: SiteConfig = { event: 'MMU_NOTIFY_UNMAP', vma: 'vma' };
  const merge = byName('ksm-merge-vs-kvm-write');
  // a guest read: its re-fault between write_protect_page and replace_page maps the page being merged away
  const mergeVsRead: Scenario = { ...merge, threads: merge.threads.map((t) => (t.op === 'device_access' ? { ...t, args: { ...t.args, write: false } } : t)) };
  /** site, scenario, what the device is left with, the wrong config, whether the site also breaks event-promise (it unmaps or replaces) */
  const cases: [string, Scenario, string, Record<string, SiteConfig>, boolean][] = [
    ['2', byName('uprobe-vs-kvm-read'), 'the old text page stays mapped', { '2': { event: SOFT, vma: 'vma' } }, true],
    ['12', byName('ksm-write-protect-vs-kvm-write'), 'the device keeps write access', { '12': { event: SOFT, vma: 'vma' } }, false],
    ['13', mergeVsRead, 'the device keeps the merged-away page', { '12': UNMAP, '13': { event: SOFT, vma: 'vma' } }, true],
    ['22', byName('migrate-vma-vs-kvm-read'), 'the device keeps the migrated page', { '22': { event: SOFT, vma: 'migrate->vma' } }, true],
    ['27', byName('writeback-vs-kvm-write'), 'the device writes a cleaned page', { '27': { event: SOFT, vma: 'vma' } }, false],
    ['28', byName('reclaim-vs-kvm-fault'), 'the device keeps a reclaimed page', { '28': { event: 'MMU_NOTIFY_PROTECTION_VMA', vma: 'vma' } }, true],
    ['28', byName('hugetlb-unshare-vs-kvm-sptes'), 'the PUD leaves the mm, the device keeps it', { '28': { event: SOFT, vma: 'vma' } }, true],
  ];
  for (const [site, sc, what, sites, promise] of cases) {
    test(`#${site} ${sc.name} with ${sites[site]!.event}: ${what}`, () => {
      const r = run(aware(sc), sites, 'seed', ['event-promise']);
      expect(r.status).toBe('violation');
      // (page_mkclean cleans the PTE: a kept writable entry is seen at the clean, mkclean-observed)
      expect(violated(r)[0]).toMatch(/^(mirror-coherence|no-stale-frame|mkclean-observed)$/);
      // a site that unmaps or replaces the page also breaks the event's promise, whatever the mirror
      if (promise) expect(violated(run(sc, sites))).toContain('event-promise');
    });
  }
});

describe('vma expressions resolve in the site scope', () => {
  test('#22 migrate_vma_collect: migrate->vma and mm_walk.vma are the migrated vma', () => {
    for (const vma of ['migrate->vma', 'mm_walk.vma']) {
      const r = run(aware(byName('migrate-vma-vs-kvm-read')), { '22': { event: 'MMU_NOTIFY_CLEAR', vma } });
      expect(r.status, vma).toBe('ok');
    }
  });
  test('#1 clear_refs_write: the loop vma is NULL at the call, like the seed', () => {
    const r = run(aware(byName('clear-refs-vs-kvm-write')), { '1': { event: 'MMU_NOTIFY_UNMAP', vma: 'vma' } });
    expect(r.status, messages(r)).toBe('ok');
  });
  for (const [site, name] of [
    ['28', 'reclaim-vs-kvm-fault'],
    ['23', 'migrate-vma-hole-vs-kvm-read'],
  ] as const) {
    test(`#${site}: a vma expression that names nothing in scope is a model error`, () => {
      const r = run(byName(name), { [site]: { event: 'MMU_NOTIFY_CLEAR', vma: 'new_vma' } });
      expect(r.status).toBe('model-error');
      if (r.status === 'model-error') expect(r.message).toMatch(/vma expression 'new_vma' names nothing in scope/);
    });
  }
});
