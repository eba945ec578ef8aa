import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../model/scenario/defaultRegistry.js';
import { contractProperties, inferredGuards, mmProperties } from '../../properties/mmProperties.js';
import { REACH_GUARDS } from '../../properties/reachGuards.js';
import { FAULT_RETRIES } from '../../properties/faultRetries.js';
import { MM_MUTANTS } from '../../properties/mutants/mmMutants.js';
import { BASELINES } from '../../properties/mutants/baselines.js';
import { explore } from '../sites/util/explore.js';

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
  it('review D13: access threads whose fault runs a site (#19) reach the inferred started range; a read-only pair fails it', () => {
    const cow = explore(BASELINES['cow-fault-vs-sva-read']!);
    expect([cow.status, cow.violations.map((v) => v.property)]).toEqual(['ok', []]);
    const vacuous = explore(BASELINES['kvm-read-then-write']!);
    expect(vacuous.violations.map((v) => `${v.property} ${v.kind}`)).toEqual(['reach-range-started unreachable']);
    expect(explore(BASELINES['kvm-read-then-write']!, []).status).toBe('ok');
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
    // review D13: only access threads still need a started range (an access's COW fault runs a site), else they are vacuous
    expect(inferredGuards(BASELINES['kvm-read-then-write']!)).toEqual(['reach-range-started']);
    expect(inferredGuards(BASELINES['cow-fault-vs-sva-read']!)).toEqual(['reach-range-started']);
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
