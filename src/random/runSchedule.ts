import { ModelError, type Model } from '../engine/Model.js';
import { deadlockFailure } from '../engine/deadlockFailure.js';
import type { TracePath, Violation } from '../engine/ExploreResult.js';
import type { Failure, PropertyChecker } from '../engine/PropertyChecker.js';
import type { Schedule } from './Schedule.js';
import { Scheduler } from './Scheduler.js';

export type RunOutcome =
  | { readonly status: 'ok'; readonly trace: TracePath }
  | { readonly status: 'violation'; readonly violation: Violation }
  /** `trace` reaches the state where the error was raised; `action` (an index into its actions) is the step that raised it, if one did. */
  | { readonly status: 'model-error'; readonly message: string; readonly trace: TracePath; readonly action?: number };

/**
 * One random run: from the schedule's initial state, take at most `depth`
 * steps as the schedule picks them, checking invariants on every state, step
 * properties on every transition, terminal properties and deadlock where no
 * thread can move. Stops at the first violation. States outside the model's
 * boundary are checked, not expanded. PCT change points fall modulo
 * `pctSteps`, the expected length of a run.
 */
export function runSchedule<S, A>(model: Model<S, A>, checker: PropertyChecker<S, A>, schedule: Schedule, depth: number, pctSteps = Infinity): RunOutcome {
  const inits = model.initialStates();
  const init = schedule.init % inits.length;
  const path: number[] = [];
  const trace = (): TracePath => ({ init, path });
  const fail = (f: Failure): RunOutcome => ({ status: 'violation', violation: { ...f, trace: trace() } });
  const scheduler = new Scheduler(model, schedule, pctSteps);
  const actions: A[] = [];
  let state: S = inits[init]!;
  /** The action being taken (a model error there names it). */
  let stepping: number | undefined;
  try {
    let failure = checker.checkState(state);
    for (let step = 0; ; step++) {
      if (failure !== undefined) return fail(failure);
      if (model.withinBoundary !== undefined && !model.withinBoundary(state)) break;
      actions.length = 0;
      model.actions(state, actions);
      if (actions.length === 0) {
        if (!model.isDone(state)) return fail(deadlockFailure(model, state));
        failure = checker.checkTerminal(state);
        if (failure !== undefined) return fail(failure);
        break;
      }
      if (step >= depth) break;
      const index = scheduler.pick(state, actions, step);
      stepping = index;
      const next = model.nextState(state, actions[index]!);
      failure = checker.checkStep(state, actions[index]!, next);
      path.push(index);
      stepping = undefined;
      failure ??= checker.checkState(next, state); // state held every invariant (a failure ends the run)
      state = next;
    }
  } catch (e) {
    if (e instanceof ModelError) return { status: 'model-error', message: e.message, trace: trace(), ...(stepping !== undefined ? { action: stepping } : {}) };
    throw e;
  }
  return { status: 'ok', trace: trace() };
}
