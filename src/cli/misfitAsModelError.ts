import { ModelError } from '../engine/Model.js';
import type { MmModel } from '../../model/MmModel.js';

/**
 * A mutant's programs are written for its baseline; on another scenario one
 * may fail outright (a TypeError on an mm the scenario lacks). That is the
 * mutant misusing the model, reported as a ModelError naming the mutant.
 */
export function misfitAsModelError(model: MmModel, id: string): MmModel {
  const guard = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof ModelError || !(e instanceof Error)) throw e;
      throw new ModelError(`mutant ${id} does not fit this scenario: ${e.message}`);
    }
  };
  return { ...model, nextState: (s, a) => guard(() => model.nextState(s, a)), actions: (s, out) => guard(() => model.actions(s, out)) };
}
