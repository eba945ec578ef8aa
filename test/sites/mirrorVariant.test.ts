import { describe, expect, it } from 'vitest';
import { mirrorVariant, variant } from '../../model/sites/scenarios/mirrorVariant.js';
import { SITE_SCENARIOS } from '../../model/sites/scenarios/index.js';
import { scenario as forkVsKvmWrite } from '../../model/sites/scenarios/forkVsKvmWrite.js';
import { scenario as forkVsAwareWrite } from '../../model/sites/scenarios/forkVsAwareWrite.js';
import { ModelError } from '../../src/engine/Model.js';

describe('mirrorVariant', () => {
  const base = SITE_SCENARIOS.find((x) => x.scenario.name.includes('-vs-kvm-'))!.scenario;

  it("names the variant after the kind in KVM's place", () => {
    const v = mirrorVariant(1, base, 'odp', 'ok').scenario;
    expect(v.name).toBe(base.name.replace('kvm', 'odp'));
    expect(v.mirrors?.every((m) => m.kind === 'odp')).toBe(true);
  });

  it("a base whose name has no kvm is a ModelError, not a variant under the base's name", () => {
    expect(() => mirrorVariant(1, { ...base, name: 'no-mirror-in-name' }, 'odp', 'ok')).toThrow(ModelError);
  });

  it('a variant in a file of its own is the table variant but for what it states (description, thread names)', () => {
    const table = mirrorVariant(15, forkVsKvmWrite, 'aware', 'ok').scenario;
    expect(forkVsAwareWrite.name).toBe(table.name);
    expect(forkVsAwareWrite).toEqual({
      ...table,
      description: forkVsAwareWrite.description,
      threads: table.threads.map((t) => (t.name === 'guest' ? { ...t, name: 'device' } : t)),
    });
  });

  it('states a v5.2 verdict that differs as the v5.2 profile, and keeps the seed verdict', () => {
    const v = variant(base, 'aware', { expect: 'ok', v52: { violation: 'mirror-coherence' } });
    expect(v).toMatchObject({ expect: 'ok', profiles: { 'v5.2': { expect: 'violation', expectProperty: 'mirror-coherence' } } });
    expect(variant(base, 'aware', { expect: 'ok' }).profiles).toBe(base.profiles);
  });
});
