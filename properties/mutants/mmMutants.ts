/**
 * Every mm-model mutant, addressable by id (`mnc mutants`, `--mutant ID`),
 * and the suite the generic runner (src/mutants/) explores.
 */
import type { MmState } from '../../model/mm/MmState.js';
import { buildMmModel, type MmAction } from '../../model/MmModel.js';
import type { MutantSuite } from '../../src/mutants/Mutant.js';
import { mmProperties } from '../mmProperties.js';
import { baselineGuards, baselineScenario, type MmMutantSpec, toMutant } from './MmMutant.js';
import { EXIT_MUTANTS } from './exitMutants.js';
import { MIRROR_MUTANTS } from './mirrorMutants.js';
import { SCENARIO_MUTANTS } from './scenarioMutants.js';
import { SITE_MUTANTS } from './siteMutants.js';
import { ZAP_MUTANTS } from './zapMutants.js';

export const MM_MUTANTS: readonly MmMutantSpec[] = [...ZAP_MUTANTS, ...SITE_MUTANTS, ...MIRROR_MUTANTS, ...SCENARIO_MUTANTS, ...EXIT_MUTANTS];

/** The mutant `id`, or undefined. */
export function findMutant(id: string): MmMutantSpec | undefined {
  return MM_MUTANTS.find((m) => m.id === id);
}

export function mmMutantSuite(specs: readonly MmMutantSpec[] = MM_MUTANTS): MutantSuite<MmState, MmAction> {
  return {
    mutants: specs.map(toMutant),
    baseline(key) {
      const sc = baselineScenario(key);
      return { model: buildMmModel(sc), properties: mmProperties(sc, baselineGuards(key)) };
    },
  };
}
