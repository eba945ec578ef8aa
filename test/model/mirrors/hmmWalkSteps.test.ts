/**
 * model/mirrors/hmmWalkSteps.ts names HMM fault steps by program and label
 * (strings): each must be a step of its registered program, or
 * walk-holds-mm-users (properties/) and the model's stop at a torn-down mm
 * (model/mm/tornDownWalk.ts) would miss that walk silently.
 */
import { describe, expect, it } from 'vitest';
import { HMM_WALK_STEPS } from '../../../model/mirrors/hmmWalkSteps.js';
import { defaultRegistry } from '../../../model/scenario/defaultRegistry.js';

describe('HMM walk steps', () => {
  const reg = defaultRegistry();
  for (const w of HMM_WALK_STEPS) {
    it(`${w.prog}:${w.label} is a step of its program`, () => {
      expect(reg.has(w.prog)).toBe(true);
      expect(reg.get(w.prog).index.has(w.label)).toBe(true);
    });
  }
});
