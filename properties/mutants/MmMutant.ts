/**
 * An mm-model mutant: a baseline scenario (baselines.ts), program rewrites
 * (programEdits.ts) and/or a scenario rewrite (e.g. a site's event or vma
 * override). `applyMutant` lets other commands run any scenario with a
 * mutant's programs (`mnc check --mutant ID`).
 */
import type { MmState } from '../../model/mm/MmState.js';
import type { Program } from '../../model/mm/step/Program.js';
import type { ProgramRegistry } from '../../model/mm/step/ProgramRegistry.js';
import { buildMmModel, type MmAction } from '../../model/MmModel.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import type { Mutant } from '../../src/mutants/Mutant.js';
import { inferredGuards, mmProperties } from '../mmProperties.js';
import { BASELINES, BASELINE_GUARDS } from './baselines.js';
import { registryWith } from './programEdits.js';

export interface MmMutantSpec {
  readonly id: string;
  readonly description: string;
  /** The property that must catch it. */
  readonly expects: string;
  /** Key of BASELINES. */
  readonly baseline: string;
  /** Rewritten programs (replacing the registered ones of the same names). */
  readonly programs?: () => readonly Program[];
  /** Rewritten scenario (site overrides, another access). */
  readonly scenario?: (sc: Scenario) => Scenario;
}

/** A scenario and registry with the mutant applied. */
export function applyMutant(spec: MmMutantSpec, scenario: Scenario): { scenario: Scenario; registry: ProgramRegistry } {
  return { scenario: spec.scenario ? spec.scenario(scenario) : scenario, registry: registryWith(spec.programs?.() ?? []) };
}

export function baselineScenario(key: string): Scenario {
  const sc = BASELINES[key];
  if (!sc) throw new Error(`no baseline scenario ${key}`);
  return sc;
}

/** The reachability guards of a baseline (its own list, else the inferred ones). */
export function baselineGuards(key: string): readonly string[] {
  return BASELINE_GUARDS[key] ?? inferredGuards(baselineScenario(key));
}

export function toMutant(spec: MmMutantSpec): Mutant<MmState, MmAction> {
  return {
    id: spec.id,
    description: spec.description,
    expects: spec.expects,
    baseline: spec.baseline,
    subject() {
      const base = baselineScenario(spec.baseline);
      const { scenario, registry } = applyMutant(spec, base);
      // The baseline's guards: a mutant that makes the race vacuous must fail them.
      return { model: buildMmModel(scenario, { registry }), properties: mmProperties(scenario, baselineGuards(spec.baseline)) };
    },
  };
}
