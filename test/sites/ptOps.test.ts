/**
 * The page-table operation sites (#14 #15 #16 #19 #20 #21 #24 #25 #26): every scenario meets
 * its expected verdict under the seed's and the v5.2 events; a wrong event on
 * a site that unmaps or replaces pages, and a wrong vma, give a
 * counterexample; a vma expression that names nothing in scope is a model error.
 */
import { describe, expect, test } from 'vitest';
import type { MmState, SiteConfig } from '../../model/mm/MmState.js';
import { buildMmModel } from '../../model/MmModel.js';
import { pmdAt, pteAt } from '../../model/mm/pageTable.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { PT_OPS_MIRROR_VARIANTS } from '../../model/sites/scenarios/ptOpsMirrorVariants.js';
import { PT_OPS_SCENARIOS } from '../../model/sites/scenarios/ptOpsScenarios.js';
import { mmProperties } from '../../properties/mmProperties.js';
import { bfs } from '../../src/engine/bfs.js';
import type { Reachable } from '../../src/engine/Property.js';
import { run, violated } from './util/run.js';

function byName(name: string): Scenario {
  const x = PT_OPS_SCENARIOS.find((s) => s.scenario.name === name);
  if (!x) throw new Error(`no page-table operation site scenario ${name}`);
  return x.scenario;
}

describe('page-table operation site scenarios meet their expected verdicts', () => {
  for (const { site, scenario } of PT_OPS_SCENARIOS) {
    const variant = PT_OPS_MIRROR_VARIANTS.some((v) => v.scenario === scenario);
    for (const profile of variant ? (['seed'] as const) : (['seed', 'v5.2'] as const)) {
      test(`#${site} ${scenario.name} (${profile})`, () => {
        const r = run(scenario, {}, profile);
        if (scenario.expect === 'ok') expect(r.status, JSON.stringify(violated(r))).toBe('ok');
        else {
          expect(r.status).toBe('violation');
          expect(violated(r)).toContain(scenario.expectProperty);
        }
      });
    }
  }
});

describe('a wrong event on a site that unmaps or replaces pages gives a counterexample', () => {
  const cases: [string, string, string][] = [
    ['16', 'munmap-vs-kvm-fault', 'vma'],
    ['19', 'cow-fault-vs-kvm-read', 'vmf->vma'],
    ['25', 'mremap-vs-kvm-read', 'vma'],
    ['26', 'oom-reap-vs-kvm-fault', 'vma'],
  ];
  for (const [site, name, vma] of cases) {
    test(`#${site} ${name} with PROTECTION_VMA`, () => {
      const r = run(byName(name), { [site]: { event: 'MMU_NOTIFY_PROTECTION_VMA', vma } });
      expect(r.status).toBe('violation');
      expect(violated(r)).toContain('event-promise');
    });
  }
});

describe('a wrong vma gives a counterexample', () => {
  test('#25 move_page_tables with new_vma (does not contain the old range)', () => {
    const r = run(byName('mremap-vs-kvm-read'), { '25': { event: 'MMU_NOTIFY_UNMAP', vma: 'new_vma' } });
    expect(violated(r)).toEqual(['range-vma']);
  });
});

describe('a vma expression that names nothing in scope is a model error', () => {
  for (const [site, name] of [
    ['20', 'dax-pmd-mkclean-vs-kvm-read'],
    ['21', 'dax-mkclean-vs-kvm-write'],
  ] as const) {
    test(`#${site} __follow_pte_pmd has no vma in scope`, () => {
      const r = run(byName(name), { [site]: { event: 'MMU_NOTIFY_CLEAR', vma: 'vma' } });
      expect(r.status).toBe('model-error');
      if (r.status === 'model-error') expect(r.message).toMatch(/vma expression 'vma' names nothing in scope/);
    });
  }
  test('#19 wp_page_copy resolves both vma and vmf->vma', () => {
    expect(run(byName('cow-fault-vs-kvm-read'), { '19': { event: 'MMU_NOTIFY_CLEAR', vma: 'vmf->vma' } }).status).toBe('ok');
    expect(run(byName('cow-fault-vs-kvm-read'), { '19': { event: 'MMU_NOTIFY_CLEAR', vma: 'new_vma' } }).status).toBe('model-error');
  });
});

describe('through the event-aware mirror, a wrong event or vma leaves a stale device entry', () => {
  const soft = (site: string, vma: string) => ({ [site]: { event: 'MMU_NOTIFY_SOFT_DIRTY' as const, vma } });
  // dax mkclean cleans the PTE: the kept writable entry is seen at the clean (mkclean-observed), before mirror-coherence
  const cases: [string, string, Record<string, SiteConfig>, string][] = [
    ['#15 copy_page_range with SOFT_DIRTY', 'fork-vs-aware-write', soft('15', 'vma'), 'mirror-coherence'],
    ['#21 __follow_pte_pmd with SOFT_DIRTY', 'dax-mkclean-vs-aware-write', soft('21', 'NULL'), 'mkclean-observed'],
    ['#24 change_pmd_range with SOFT_DIRTY', 'mprotect-vs-aware-write', soft('24', 'vma'), 'mirror-coherence'],
  ];
  for (const [what, name, sites, property] of cases) {
    test(what, () => {
      const r = run(byName(name), sites);
      expect(violated(r)).toEqual([property]);
    });
  }
  for (const [site, name, vma] of [
    ['16', 'munmap-vs-aware-fault', 'vma'],
    ['19', 'cow-fault-vs-aware-read', 'vmf->vma'],
    ['26', 'oom-reap-vs-aware-fault', 'vma'],
  ] as const) {
    test(`#${site} with PROTECTION_VMA: the mirror downgrades an entry whose page goes away`, () => {
      const r = run(byName(name), { [site]: { event: 'MMU_NOTIFY_PROTECTION_VMA', vma } }, 'seed', ['event-promise']);
      expect(r.status).toBe('violation');
      expect(violated(r)[0]).toMatch(/^(mirror-coherence|no-stale-frame|device-access)$/);
    });
  }
  test('#25 move_page_tables with new_vma: nothing dropped, the device reads an unmapped address', () => {
    const r = run(byName('mremap-vs-aware-read'), { '25': { event: 'MMU_NOTIFY_UNMAP', vma: 'new_vma' } }, 'seed', ['range-vma']);
    expect(violated(r)).toEqual(['mirror-coherence']);
  });
  test('#16 unmap_vmas over two vmas passes the first one: the second vma keeps its device entry (finding)', () => {
    const r = run(byName('munmap-two-vmas-vs-aware-read'), {}, 'v5.2', ['range-vma']);
    expect(r.status).toBe('violation');
    expect(violated(r)[0]).toMatch(/mirror-coherence|no-stale-frame/);
  });
});

const reaches = (name: string, what: string, check: (s: MmState) => boolean): boolean => {
  const sc = byName(name);
  const reach: Reachable<MmState> = { name: 'reach-pt-ops-path', description: what, kind: 'reachable', check };
  return bfs(buildMmModel(sc), [...mmProperties(sc), reach]).status === 'ok';
};
const huge = (s: MmState, mm: number, addr: number): boolean => pmdAt(s, mm, addr)?.kind === 'huge';

describe('the paths the litmus tests are for are reached', () => {
  test('#20: a racing split makes __follow_pte_pmd end the PMD range itself', () => {
    // An ended range is removed (Thread.ranges): __follow_pte_pmd still holds the index of its #20 range (the only range it ends), now a hole.
    const ended = (s: MmState) =>
      s.threads[0]!.frames.some(
        (f) => f.prog === '__follow_pte_pmd' && typeof f.locals['range'] === 'number' && f.locals['range'] >= 0 && !s.threads[0]!.ranges[f.locals['range']],
      );
    expect(reaches('dax-pmd-mkclean-vs-split', 'the #20 range ended while __follow_pte_pmd still runs', ended)).toBe(true);
  });
  test('#15: copy_huge_pmd gives the child a write-protected huge PMD', () => {
    expect(
      reaches(
        'fork-thp-vs-kvm-write',
        'child huge PMD',
        (s) => s.mms.length > 1 && huge(s, 1, 0) && huge(s, 0, 0) && !(pmdAt(s, 0, 0) as { write: boolean }).write,
      ),
    ).toBe(true);
  });
  test('#25: move_huge_pmd moves the whole huge PMD', () => {
    expect(reaches('mremap-thp-vs-kvm-read', 'huge PMD at the new address', (s) => huge(s, 0, 2) && pmdAt(s, 0, 0) === null)).toBe(true);
  });
  test('#24/#16: a new vma boundary inside a THP splits it before the vma split (vma_adjust_trans_huge)', () => {
    // the page was a THP: a present PTE means the split (#6, whose ended range is removed from the state) has run
    const split = (s: MmState) => !s.threads[0]!.ranges.some((r) => r?.site === '6') && pteAt(s, 0, 2)?.kind === 'present';
    expect(
      reaches(
        'mprotect-thp-half-vs-kvm-write',
        'split then write-protected',
        (s) => split(s) && pteAt(s, 0, 3)?.kind === 'present' && !(pteAt(s, 0, 3) as { write: boolean }).write,
      ),
    ).toBe(true);
    expect(reaches('munmap-thp-half-vs-kvm-read', 'split then zapped', (s) => pteAt(s, 0, 0)?.kind === 'present' && pteAt(s, 0, 1) === null)).toBe(true);
  });
  test('#25: half a THP is split, then its PTE moves', () => {
    expect(reaches('mremap-thp-split-vs-kvm-read', 'split and moved', (s) => pteAt(s, 0, 3)?.kind === 'present' && pteAt(s, 0, 0)?.kind === 'present')).toBe(
      true,
    );
  });
});
