/**
 * A litmus scenario again with another mirror kind in the first mirror's
 * place (same operation, same access), named after the kind
 * (`...-vs-kvm-...` -> `...-vs-<kind>-...`), with that kind's expected
 * verdict: `ok`, or the property the mirror kind is expected to break (a
 * finding of the mirror kind, reached through this site).
 *
 * `variant` is the one mechanism: the variant tables (ptOps, huge, rmap, zap) call
 * it through `mirrorVariant` with a verdict only; a variant kept in a file
 * of its own for its notes (`forkVsAwareWrite.ts`, ...) states there what
 * differs from its KVM base (name, description, verdicts, thread names).
 */
import { ModelError } from '../../../src/engine/Model.js';
import type { ProfileExpectation, Scenario } from '../../scenario/Scenario.js';
import type { SiteScenario } from './SiteScenario.js';

export type MirrorVariantExpect = 'ok' | { readonly violation: string };

/** The mirror kinds a KVM litmus test is varied to (the variant tables of ptOps, rmap and the zap sites). */
export type VariantKind = 'hmm50' | 'hmm52' | 'odp' | 'gpu' | 'sva' | 'aware';
export const VARIANT_KINDS: readonly VariantKind[] = ['hmm50', 'hmm52', 'odp', 'gpu', 'sva', 'aware'];

/** What a variant states of its own, beyond its mirror kind. */
export interface VariantOwn {
  /** The verdict with the seed events (and with v5.2's, unless `v52` says otherwise). */
  readonly expect: MirrorVariantExpect;
  /** The verdict with the v5.2 events, where it differs from `expect`. */
  readonly v52?: MirrorVariantExpect;
  /** Default: the base's name with `kvm` replaced by the kind. */
  readonly name?: string;
  /** Default: the base's, followed by `(<kind> in KVM's place)`. */
  readonly description?: string;
  /** Threads renamed, old name -> new (the KVM test's `guest` is a `device` of the other kind). */
  readonly threadNames?: Readonly<Record<string, string>>;
}

const expectation = (e: MirrorVariantExpect): ProfileExpectation => (e === 'ok' ? { expect: 'ok' } : { expect: 'violation', expectProperty: e.violation });

/** `base` with every mirror of kind `kind` instead (mirror names `kvm0` -> `<kind>0`), and what `own` states. */
export function variant(base: Scenario, kind: string, own: VariantOwn): Scenario {
  const derived = base.name.replace('kvm', kind);
  if (derived === base.name) throw new ModelError(`mirrorVariant: ${base.name} has no 'kvm' in its name to replace with ${kind}`);
  const { threadNames, v52 } = own;
  return {
    ...base,
    name: own.name ?? derived,
    description: own.description ?? `${base.description ?? base.name} (${kind} in KVM's place)`,
    mirrors: (base.mirrors ?? []).map((m) => ({ ...m, name: m.name.replace('kvm', kind), kind })),
    ...(threadNames ? { threads: base.threads.map((t) => ({ ...t, name: threadNames[t.name] ?? t.name })) } : {}),
    ...expectation(own.expect),
    ...(v52 ? { profiles: { ...base.profiles, 'v5.2': expectation(v52) } } : {}),
  };
}

/** The variant of a table row: the kind's verdict only. */
export function mirrorVariant(site: number, base: Scenario, kind: string, expect: MirrorVariantExpect): SiteScenario {
  return { site, scenario: variant(base, kind, { expect }) };
}

/** A row of a variant table: the site, its KVM litmus test, each kind's verdict (ok unless listed), the kinds run (default: all). */
export type VariantRow = readonly [site: number, base: Scenario, verdicts: Partial<Record<VariantKind, MirrorVariantExpect>>, kinds?: readonly VariantKind[]];

/** The variants of a table's rows, row by row, each kind in the row's order. */
export function variantTable(rows: readonly VariantRow[]): SiteScenario[] {
  return rows.flatMap(([site, base, verdicts, kinds = VARIANT_KINDS]) => kinds.map((k) => mirrorVariant(site, base, k, verdicts[k] ?? 'ok')));
}
