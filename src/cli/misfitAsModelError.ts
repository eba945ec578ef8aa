import { ModelError } from '../engine/Model.js';
import type { MmModel } from '../../model/MmModel.js';

/**
 * Programs written elsewhere (a mutant's, for its baseline; a scenario
 * module's) may fail outright on a scenario (a TypeError on an mm the
 * scenario lacks, a step that throws). That is the scenario misusing the
 * model: a ModelError naming who wrote the program (`what`) and the step.
 */
export function misfitAsModelError(model: MmModel, what: string): MmModel {
  const guard = <T>(f: () => T, where: () => string): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof ModelError) throw e;
      const msg = e instanceof Error ? e.message : String(e);
      let at = '';
      try {
        at = ` (at ${where()})`;
      } catch {
        // the step cannot be named either
      }
      throw new ModelError(`${what}: ${msg}${at}`);
    }
  };
  return {
    ...model,
    nextState: (s, a) =>
      guard(
        () => model.nextState(s, a),
        () => {
          const d = model.describeAction(s, a);
          return `${d.thread} ${d.label}`;
        },
      ),
    actions: (s, out) =>
      guard(
        () => model.actions(s, out),
        () => 'choosing the next steps',
      ),
  };
}
