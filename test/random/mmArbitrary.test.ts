import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mmScenarioArbitrary } from '../../model/scenario/arbitrary/mmScenarioArbitrary.js';
import { validateScenario } from '../../model/scenario/validateScenario.js';
import { buildInitialState } from '../../model/scenario/buildInitialState.js';
import { defaultRegistry } from '../../model/scenario/defaultRegistry.js';
import { MIRROR_KINDS } from '../../model/mirrors/mirrorKinds.js';
import { SITE_OPS } from '../../model/scenario/arbitrary/siteOps.js';
import type { Scenario } from '../../model/scenario/Scenario.js';

const pagesOf = (s: Scenario) => s.geometry.ptesPerTable * s.geometry.pmdsPerTable * s.geometry.puds;

describe('the mm scenario arbitrary', () => {
  const bounds = { mms: 2, vmas: 3, mirrors: 3, access: 2, pages: 8 };
  const drawn = fc.sample(mmScenarioArbitrary(bounds), { numRuns: 400, seed: 7 });
  const registry = defaultRegistry();

  it('every drawn scenario is valid: validateScenario (as JSON) and buildInitialState accept it', () => {
    for (const s of drawn) {
      expect(() => validateScenario(JSON.parse(JSON.stringify(s)))).not.toThrow();
      expect(() => buildInitialState(s, registry), JSON.stringify(s)).not.toThrow();
    }
  });

  it('stays within its bounds', () => {
    for (const s of drawn) {
      expect(s.mms.length).toBeLessThanOrEqual(bounds.mms);
      for (const m of s.mms) expect(m.vmas.length).toBeLessThanOrEqual(bounds.vmas);
      expect((s.mirrors ?? []).length).toBeLessThanOrEqual(bounds.mirrors);
      expect(s.threads.length).toBeLessThanOrEqual(1 + bounds.access);
      expect(pagesOf(s)).toBeLessThanOrEqual(bounds.pages);
    }
  });

  it('covers the space: every mirror kind, every site operation, vmas at address 0, hugetlb, shared files, two mms, a reversed subscriber order', () => {
    const kinds = new Set(drawn.flatMap((s) => (s.mirrors ?? []).map((m) => m.kind)));
    expect([...kinds].sort()).toEqual(MIRROR_KINDS.map((k) => k.kind).sort());
    const ops = new Set(drawn.map((s) => s.threads[0]!.op));
    expect([...ops].sort()).toEqual(SITE_OPS.map((o) => o.op).sort());
    const vmas = drawn.flatMap((s) => s.mms.flatMap((m) => m.vmas));
    expect(vmas.some((v) => v.start === 0)).toBe(true);
    expect(vmas.some((v) => v.hugetlb)).toBe(true);
    expect(vmas.some((v) => v.shared && !v.hugetlb)).toBe(true);
    expect(drawn.some((s) => s.mms.length === 2)).toBe(true);
    expect(drawn.some((s) => s.mms.some((m) => m.notifiers !== undefined))).toBe(true);
    expect(drawn.some((s) => s.threads.some((t) => t.op === 'device_access')) && drawn.some((s) => s.threads.some((t) => t.op === 'cpu_access'))).toBe(true);
  });

  it('kinds and ops masks restrict the mirror kinds and the site operation drawn', () => {
    const some = fc.sample(mmScenarioArbitrary({ ...bounds, kinds: 0b1001, ops: 0b10 }), { numRuns: 100, seed: 3 });
    for (const s of some) {
      expect(s.threads[0]!.op).toBe('munmap');
      for (const m of s.mirrors ?? []) expect(['kvm', 'odp']).toContain(m.kind);
      expect(() => buildInitialState(s, registry)).not.toThrow();
    }
    expect(fc.sample(mmScenarioArbitrary({ ...bounds, kinds: 0 }), { numRuns: 50, seed: 3 }).every((s) => s.mirrors === undefined)).toBe(true);
  });

  it('the same seed draws the same scenarios', () => {
    expect(fc.sample(mmScenarioArbitrary(bounds), { numRuns: 50, seed: 7 })).toEqual(drawn.slice(0, 50));
  });
});
