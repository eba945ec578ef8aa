/**
 * The differential check of issue 10: the pinned subjects on the immer
 * backend (the reference), against the same pins the cow backend keeps
 * (pinnedCounts.test.ts): same verdicts, counts and counterexample lengths.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setDefaultStateBackend } from '../../model/MmModel.js';
import { pinSubjects, type Pin } from '../util/pinnedCounts.js';

setDefaultStateBackend({ backend: 'immer' });
const pinned = JSON.parse(readFileSync('test/fixtures/pinned-counts.json', 'utf8')) as Record<string, Pin>;
const subjects = await pinSubjects();

describe('pinned counts on the immer backend', () => {
  for (const s of subjects) {
    it(s.name, () => {
      expect(s.run()).toEqual(pinned[s.name]);
    });
  }
});
