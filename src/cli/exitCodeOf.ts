import { EXIT, type ExploreResult } from '../engine/ExploreResult.js';

/** 0 all hold, 1 violation or deadlock, 3 a budget was hit, 4 model error. */
export function exitCodeOf(r: ExploreResult): number {
  switch (r.status) {
    case 'ok':
      return EXIT.ok;
    case 'violation':
      return EXIT.violation;
    case 'incomplete':
      return r.violations.length > 0 ? EXIT.violation : EXIT.incomplete;
    case 'model-error':
      return EXIT.modelError;
  }
}
