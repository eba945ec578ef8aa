/**
 * A litmus scenario again with another mirror kind in the first mirror's
 * place (same operation, same access), named after the kind
 * (`...-vs-kvm-...` -> `...-vs-<kind>-...`), with that kind's expected
 * verdict: `ok`, or the property the mirror kind is expected to break (a
 * finding of the mirror kind, reached through this site).
 */
import { ModelError } from '../../../src/engine/Model.js';
import type { Scenario } from '../../scenario/Scenario.js';
import type { SiteScenario } from './SiteScenario.js';

export type MirrorVariantExpect = 'ok' | { readonly violation: string };

/** The mirror kinds a KVM litmus test is varied to (the variant tables of g1, g3 and the zap sites). */
export type VariantKind = 'hmm50' | 'hmm52' | 'odp' | 'gpu' | 'sva' | 'aware';
export const VARIANT_KINDS: readonly VariantKind[] = ['hmm50', 'hmm52', 'odp', 'gpu', 'sva', 'aware'];

export function mirrorVariant(site: number, base: Scenario, kind: string, expect: MirrorVariantExpect): SiteScenario {
  const name = base.name.replace('kvm', kind);
  if (name === base.name) throw new ModelError(`mirrorVariant: ${base.name} has no 'kvm' in its name to replace with ${kind}`);
  const scenario: Scenario = {
    ...base,
    name,
    description: `${base.description ?? base.name} (${kind} in KVM's place)`,
    mirrors: (base.mirrors ?? []).map((m) => ({ ...m, name: m.name.replace('kvm', kind), kind })),
    ...(expect === 'ok' ? { expect: 'ok' as const } : { expect: 'violation' as const, expectProperty: expect.violation }),
  };
  return { site, scenario };
}
