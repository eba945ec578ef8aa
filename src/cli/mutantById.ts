import { findMutant } from '../../properties/mutants/mmMutants.js';
import type { MmMutantSpec } from '../../properties/mutants/MmMutant.js';
import { UsageError } from './UsageError.js';

/** The mm mutant `--mutant ID` names (undefined for none); an unknown id is a usage error. */
export function mutantById(id: string | undefined): MmMutantSpec | undefined {
  if (id === undefined) return undefined;
  const spec = findMutant(id);
  if (!spec) throw new UsageError(`--mutant ${id}: no such mutant (see 'mnc mutants --list')`);
  return spec;
}
