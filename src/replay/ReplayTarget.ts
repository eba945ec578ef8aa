import type { Model } from '../engine/Model.js';
import type { Property } from '../engine/Property.js';

/**
 * What named steps are replayed against (replaySteps, minimiseTrace): a
 * model, its properties, the one property judged (`deadlock` for the
 * engine's own) and the index of the initial state the steps start from.
 */
export interface ReplayTarget<S, A> {
  readonly model: Model<S, A>;
  readonly properties: readonly Property<S, A>[];
  readonly property: string;
  readonly init: number;
}
