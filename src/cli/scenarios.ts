/**
 * The scenarios the CLI knows by name: where the engine meets the model.
 * Each entry builds a model (model/) with its properties (properties/).
 */
import type { ScenarioEntry } from './ScenarioEntry.js';
import { UsageError } from './UsageError.js';
import { kvmRaceModel } from '../../model/kvm-race/kvmRaceModel.js';
import { KVM_RACE_DEFAULTS, KVM_RACE_PARAMS, KVM_RACE_VARIANTS, kvmRaceOptionsError, type KvmRaceVariant } from '../../model/kvm-race/KvmRaceOptions.js';
import { kvmRaceProperties } from '../../properties/kvmRace.js';

const kvmRace: ScenarioEntry = {
  name: 'kvm-race',
  description: 'the kvm-race(P, F, Z, M) benchmark: zap and mprotect threads against KVM faults (shared/bench/kvm-race.md)',
  params: KVM_RACE_PARAMS,
  variants: KVM_RACE_VARIANTS,
  build(o = { params: {} }) {
    const p = o.params;
    const d = KVM_RACE_DEFAULTS;
    const options = { P: p.P ?? d.P, F: p.F ?? d.F, Z: p.Z ?? d.Z, M: p.M ?? d.M, variant: (o.variant ?? d.variant) as KvmRaceVariant };
    const err = kvmRaceOptionsError(options);
    if (err !== undefined) throw new UsageError(err);
    return { model: kvmRaceModel(options), properties: kvmRaceProperties(options.P) };
  },
};

const ENTRIES: ScenarioEntry[] = [kvmRace];

export function scenarioRegistry(): readonly ScenarioEntry[] {
  return ENTRIES;
}

export function findScenario(name: string): ScenarioEntry {
  const e = ENTRIES.find((x) => x.name === name);
  if (!e) {
    const known = ENTRIES.map((x) => x.name).join(', ');
    throw new UsageError(`unknown scenario '${name}' (known: ${known || 'none'}; see 'mnc scenarios')`);
  }
  return e;
}
