import { describe, expect, it } from 'vitest';
import { mirrorVariant } from '../../model/sites/scenarios/mirrorVariant.js';
import { SITE_SCENARIOS } from '../../model/sites/scenarios/index.js';
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
});
