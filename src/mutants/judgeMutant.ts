import type { ExploreResult } from '../engine/ExploreResult.js';
import type { MutantOutcome } from './MutantOutcome.js';

/** Reads an exploration result as a mutant outcome: killed only by the property it expects. */
export function judgeMutant(m: { readonly id: string; readonly description: string; readonly expects: string }, r: ExploreResult): MutantOutcome {
  const hit = r.violations.find((v) => v.property === m.expects) ?? r.violations[0];
  const killed = hit !== undefined && hit.property === m.expects;
  return {
    id: m.id,
    description: m.description,
    killed,
    property: hit?.property ?? null,
    expected: m.expects,
    kind: hit?.kind ?? null,
    length: hit ? hit.trace.path.length : null,
    status: r.status,
    distinctStates: r.stats.distinctStates,
    message: r.status === 'model-error' ? r.message : (hit?.message ?? null),
  };
}
