import type { Model } from '../engine/Model.js';
import type { Property } from '../engine/Property.js';

/** A model and the properties to check it against: what an explorer runs. */
export interface CheckSubject<S, A> {
  readonly model: Model<S, A>;
  readonly properties: readonly Property<S, A>[];
}
