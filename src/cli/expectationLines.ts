import { describeExpectation } from '../../model/scenario/Expectation.js';
import type { Built } from './ScenarioEntry.js';

/** What was replaced (overrides, mutant, edits), and whether the result meets the scenario's expectation: printed with the verdict. */
export function expectationLines(built: Built, met: boolean | undefined): string[] {
  const replaced = (built.replaced ?? []).map((r) => `replaced: ${r}`);
  if (built.expected === undefined || met === undefined) return replaced;
  const want = describeExpectation({ verdict: built.expected, ...(built.expectedProperty !== undefined ? { property: built.expectedProperty } : {}) });
  return [...replaced, `expected: ${want}: ${met ? 'met' : 'NOT met'}`];
}
