/**
 * A litmus scenario again with another mirror kind in the first mirror's
 * place (same operation, same access), named after the kind
 * (`...-vs-kvm-...` -> `...-vs-<kind>-...`), with that kind's expected
 * verdict: `ok`, or the property the mirror kind is expected to break (a
 * finding of the mirror kind, reached through this site).
 */
import type { Scenario } from '../../scenario/Scenario.js';
import type { SiteScenario } from './SiteScenario.js';

export type MirrorVariantExpect = 'ok' | { readonly violation: string };

export function mirrorVariant(site: number, base: Scenario, kind: string, expect: MirrorVariantExpect): SiteScenario {
  const scenario: Scenario = {
    ...base,
    name: base.name.replace('kvm', kind),
    description: `${base.description ?? base.name} (${kind} in KVM's place)`,
    mirrors: (base.mirrors ?? []).map((m) => ({ ...m, name: m.name.replace('kvm', kind), kind })),
    ...(expect === 'ok' ? { expect: 'ok' as const } : { expect: 'violation' as const, expectProperty: expect.violation }),
  };
  return { site, scenario };
}
