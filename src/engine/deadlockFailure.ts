import type { Model } from './Model.js';
import { DEADLOCK } from './Property.js';
import type { Failure } from './PropertyChecker.js';

export const DEADLOCK_MESSAGE = 'no thread can move, but not every thread has ended';

/** The deadlock failure of an end state that is not done: names each blocked thread and what it waits for, when the model can say. */
export function deadlockFailure<S, A>(model: Model<S, A>, state: S): Failure {
  const blocked = model.describeBlocked?.(state) ?? [];
  return { property: DEADLOCK, kind: 'deadlock', message: blocked.length > 0 ? `${DEADLOCK_MESSAGE}: ${blocked.join('; ')}` : DEADLOCK_MESSAGE };
}
