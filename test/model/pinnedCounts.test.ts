/**
 * Issue 10's pin: every built-in scenario (site scenarios under both event
 * profiles, examples, mutant baselines and mutants) keeps its verdict,
 * distinct-state and transition counts and counterexample lengths through a
 * rewrite of the model core, on both state backends (the differential
 * check of issue 10). Regenerate with `npm run -s pin` only when a
 * change means to change what is explored, and say why in the commit.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pinSubjects, type Pin } from '../util/pinnedCounts.js';
import { setDefaultStateBackend } from '../../model/MmModel.js';

// The cow backend, checked: a write past model/mm/mutate.ts throws (test/model/pinnedCountsImmer.test.ts runs the same subjects on immer).
setDefaultStateBackend({ backend: 'cow', checked: true });

const pinned = JSON.parse(readFileSync('test/fixtures/pinned-counts.json', 'utf8')) as Record<string, Pin>;
const subjects = await pinSubjects();

describe('pinned counts', () => {
  it('pins exactly the built-in subjects', () => {
    expect(subjects.map((s) => s.name).sort()).toEqual(Object.keys(pinned).sort());
  });
  for (const s of subjects) {
    it(s.name, () => {
      expect(s.run()).toEqual(pinned[s.name]);
    });
  }
});
