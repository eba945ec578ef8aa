import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../model/scenario/defaultRegistry.js';
import { contractProperties, inferredGuards, mmProperties } from '../../properties/mmProperties.js';
import { REACH_GUARDS } from '../../properties/reachGuards.js';
import { FAULT_RETRIES } from '../../properties/faultRetries.js';
import { MM_MUTANTS } from '../../properties/mutants/mmMutants.js';
import { BASELINES } from '../../properties/mutants/baselines.js';

describe('the contract', () => {
  const props = contractProperties();
  it('names every property once, in kebab-case, with a one-line description', () => {
    const names = props.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of [...props, ...Object.values(REACH_GUARDS)]) {
      expect(p.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(p.description).not.toContain('\n');
      expect(p.description.length).toBeGreaterThan(10);
    }
  });
  it('every property and default guard can fail: some mutant targets it', () => {
    const targeted = new Set(MM_MUTANTS.map((m) => m.expects));
    const missing = [...props.map((p) => p.name), 'reach-range-started', 'reach-mirror-race'].filter((n) => !targeted.has(n));
    expect(missing).toEqual([]);
  });
  it('the fault-retry table names programs and labels the model registers', () => {
    const reg = defaultRegistry();
    for (const r of FAULT_RETRIES) {
      const p = reg.get(r.prog);
      expect(p.steps.map((s) => s.label)).toContain(r.retryLabel);
      expect(Object.keys(p.locals({}))).toContain(r.snapshot);
    }
  });
  it('infers the guards a scenario needs, and rejects an unknown guard', () => {
    const sc = BASELINES['dontneed-vs-kvm-fault']!;
    expect(inferredGuards(sc)).toEqual(['reach-range-started', 'reach-mirror-race']);
    expect(inferredGuards(BASELINES['kvm-read-then-write']!)).toEqual([]);
    expect(mmProperties(sc).map((p) => p.name)).toContain('reach-mirror-race');
    expect(() => mmProperties(sc, ['reach-nothing'])).toThrow(/unknown reachability guard 'reach-nothing'/);
    const own = { ...sc, reach: ['reach-all-done'] };
    expect(
      mmProperties(own)
        .filter((p) => p.kind === 'reachable')
        .map((p) => p.name),
    ).toEqual(['reach-all-done']);
  });
});
