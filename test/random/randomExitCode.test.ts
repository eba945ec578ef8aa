import { describe, expect, it } from 'vitest';
import { worseExitCode } from '../../src/random/randomExitCode.js';
import { EXIT } from '../../src/engine/ExploreResult.js';

describe('worseExitCode', () => {
  it('ranks model error over violation over incomplete over ok, in either order', () => {
    const order = [EXIT.ok, EXIT.incomplete, EXIT.violation, EXIT.modelError];
    for (let i = 0; i < order.length; i++) {
      for (let j = 0; j < order.length; j++) {
        expect(worseExitCode(order[i]!, order[j]!)).toBe(order[Math.max(i, j)]);
      }
    }
  });
});
