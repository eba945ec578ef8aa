import { ModelError, type Model } from '../engine/Model.js';
import { DEADLOCK } from '../engine/Property.js';
import { deadlockFailure } from '../engine/deadlockFailure.js';
import type { TracePath } from '../engine/ExploreResult.js';
import { PropertyChecker, type Failure } from '../engine/PropertyChecker.js';
import { findNamedAction, toNamedStep, type NamedStep } from './NamedStep.js';
import type { ReplayTarget } from './ReplayTarget.js';

export type ReplayMode = 'strict' | 'lenient';

/** What a replay walked: the steps it took, as names and as indices, and the states (one more than steps). */
export interface Walked<S> {
  readonly executed: readonly NamedStep[];
  readonly trace: TracePath;
  readonly states: readonly S[];
}

export type ReplayOutcome<S> =
  | (Walked<S> & { readonly status: 'violated'; readonly failure: Failure })
  | (Walked<S> & { readonly status: 'holds' })
  /** Strict mode: step `at` names no enabled action. */
  | (Walked<S> & { readonly status: 'diverged'; readonly at: number; readonly step: NamedStep })
  /** `action` (an index into the last state's actions) is the step that raised it, if one did. */
  | (Walked<S> & { readonly status: 'model-error'; readonly message: string; readonly action?: number })
  | { readonly status: 'unknown-property'; readonly message: string }
  | { readonly status: 'unknown-init'; readonly message: string };

/**
 * Replays named steps on `target`: from its initial state `init`, checking
 * its one property `property`, and stops at that property's first violation.
 * Strict mode stops when a step names no enabled action; lenient mode then
 * takes the thread's first enabled action instead (its branch may have
 * changed), or skips the step when the thread cannot move: the trace
 * minimiser's view. `executed` names the steps actually taken.
 */
export function replaySteps<S, A>(target: ReplayTarget<S, A>, steps: readonly NamedStep[], mode: ReplayMode): ReplayOutcome<S> {
  const { model, properties, property, init } = target;
  const judged = properties.filter((p) => p.name === property);
  if (judged.length === 0 && property !== DEADLOCK) {
    return { status: 'unknown-property', message: `model ${model.name} has no property ${property}` };
  }
  const first = model.initialStates()[init];
  if (first === undefined) return { status: 'unknown-init', message: `model ${model.name} has no initial state ${init}` };
  const checker = new PropertyChecker<S, A>(judged);
  const executed: NamedStep[] = [];
  const path: number[] = [];
  const states: S[] = [first];
  const walked = (): Walked<S> => ({ executed, trace: { init, path }, states });
  const actions: A[] = [];
  let state: S = first;
  let stepping: number | undefined;
  try {
    let failure = checker.checkState(state);
    for (let i = 0; failure === undefined && i < steps.length; i++) {
      actions.length = 0;
      model.actions(state, actions);
      let index = findNamedAction(model, state, actions, steps[i]!);
      if (index < 0 && mode === 'strict') return { ...walked(), status: 'diverged', at: i, step: steps[i]! };
      if (index < 0) index = actions.findIndex((a) => model.describeAction(state, a).thread === steps[i]!.thread);
      if (index < 0) continue;
      const taken = toNamedStep(model, state, actions, index);
      stepping = index;
      const next = model.nextState(state, actions[index]!);
      stepping = undefined;
      executed.push(taken);
      path.push(index);
      states.push(next);
      failure = checker.checkStep(state, actions[index]!, next) ?? checker.checkState(next);
      state = next;
    }
    failure ??= endFailure(model, checker, state, property);
    return failure === undefined ? { ...walked(), status: 'holds' } : { ...walked(), status: 'violated', failure };
  } catch (e) {
    if (e instanceof ModelError) return { ...walked(), status: 'model-error', message: e.message, ...(stepping !== undefined ? { action: stepping } : {}) };
    throw e;
  }
}

/** Violations that only an end state shows: a deadlock, or a terminal property. */
function endFailure<S, A>(model: Model<S, A>, checker: PropertyChecker<S, A>, state: S, property: string): Failure | undefined {
  if (model.isDone(state)) return checker.checkTerminal(state);
  if (property !== DEADLOCK) return undefined;
  const actions: A[] = [];
  model.actions(state, actions);
  return actions.length === 0 ? deadlockFailure(model, state) : undefined;
}
