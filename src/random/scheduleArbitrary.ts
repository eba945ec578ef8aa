import fc from 'fast-check';
import type { Schedule, StrategyName } from './Schedule.js';

export interface ScheduleBounds {
  /** Most steps of a run. */
  readonly depth: number;
  /** PCT's bug depth d: d - 1 priority change points (default 3). */
  readonly pctDepth?: number;
  /** PCT's k: the steps a run is expected to take; change points fall below it (default `depth`). */
  readonly pctSteps?: number;
}

/** The fast-check arbitrary of schedules for `strategy`; shrinks to fewer and smaller choices. */
export function scheduleArbitrary(strategy: StrategyName, bounds: ScheduleBounds): fc.Arbitrary<Schedule> {
  const init = fc.nat();
  const choices = fc.array(fc.nat(), { maxLength: bounds.depth, size: 'max' });
  switch (strategy) {
    case 'uniform':
      return fc.record({ strategy: fc.constant('uniform' as const), init, choices });
    case 'pct': {
      const d = bounds.pctDepth ?? 3;
      const changePoints = fc.array(fc.nat({ max: Math.max(1, Math.min(bounds.depth, bounds.pctSteps ?? bounds.depth)) - 1 }), {
        minLength: Math.max(0, d - 1),
        maxLength: Math.max(0, d - 1),
      });
      return fc.record({ strategy: fc.constant('pct' as const), init, salt: fc.nat(), changePoints, choices });
    }
    case 'swarm':
      return fc.record({ strategy: fc.constant('swarm' as const), init, salt: fc.nat(), choices });
  }
}
