/**
 * S5 (FINDINGS.md "Found by the sweep"): MADV_DONTNEED (#17) with two IOMMU
 * SVA accesses of page 1. One keeps page 1 in the IOTLB; the zap clears the
 * PTE and drops the PTE lock; the other faults a new page in before
 * mmu_notifier_invalidate_range_end calls ->invalidate_range. The single
 * access cannot reach it. The consequence: a device write lands in the
 * zapped page while the CPU maps the new one (device-access). Every other
 * property holds: the zapped page stays held by the mmu_gather until
 * tlb_finish_mmu, after ->invalidate_range, so the device never reaches a
 * freed or reused page (the verdict's bound).
 */
import { describe, expect, it } from 'vitest';
import { bfs } from '../../src/engine/bfs.js';
import { buildMmCheck } from '../../src/cli/buildMmCheck.js';
import { resolveScenario } from '../../model/scenario/resolveScenario.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { CATALOG } from '../../model/sites/catalog.js';
import { scenario } from '../../model/sites/scenarios/dontneedVsTwoSvaFaults.js';

const build = (sc: Scenario) => buildMmCheck(resolveScenario(sc, CATALOG, { profile: 'seed', overrides: [] }));

describe('S5: dontneed-vs-two-sva-faults', () => {
  it('breaks tlb-mirror-coherence in 21 steps; with one SVA access it does not', () => {
    const b = build(scenario);
    const r = bfs(b.model, b.properties);
    expect(r.status).toBe('violation');
    expect(r.violations.map((v) => [v.property, v.trace.path.length])).toEqual([['tlb-mirror-coherence', 21]]);
    const one = build({ ...scenario, name: 'one-sva-fault', expect: 'ok', threads: scenario.threads.slice(0, 2) });
    expect(bfs(one.model, one.properties).status).toBe('ok');
  });

  it('the device writes the zapped page while the CPU maps the new one (device-access, 22 steps); nothing else breaks', () => {
    const b = build(scenario);
    const rest = b.properties.filter((p) => p.name !== 'tlb-mirror-coherence');
    expect(rest.map((p) => p.name)).toEqual(expect.arrayContaining(['device-access', 'no-stale-frame', 'cpu-tlb-no-stale-frame']));
    const r = bfs(b.model, rest);
    expect(r.violations.map((v) => [v.property, v.trace.path.length])).toEqual([['device-access', 22]]);
    expect(r.violations[0]!.message).toContain('device write through frame 1 gen 1 rw while the CPU maps frame 2 rw');
    // the zapped page stays held by the mmu_gather until tlb_finish_mmu, after ->invalidate_range: never freed or reused under the entry
    const bounded = bfs(
      b.model,
      rest.filter((p) => p.name !== 'device-access'),
    );
    expect([bounded.status, bounded.violations.map((v) => v.property)]).toEqual(['ok', []]);
  });
});
