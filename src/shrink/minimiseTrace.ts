import type { Model } from '../engine/Model.js';
import type { Property } from '../engine/Property.js';
import type { TracePath, Violation } from '../engine/ExploreResult.js';
import type { Failure } from '../engine/PropertyChecker.js';
import type { NamedStep } from '../replay/NamedStep.js';
import { toNamedSteps } from '../replay/NamedStep.js';
import { replaySteps } from '../replay/replaySteps.js';
import type { ReplayTarget } from '../replay/ReplayTarget.js';

export interface Minimised {
  readonly steps: readonly NamedStep[];
  readonly trace: TracePath;
  readonly failure: Failure;
  readonly originalLength: number;
  /** Replays tried. */
  readonly tests: number;
}

export interface MinimiseOptions {
  /** Budget of replays (default 20 000); the best trace so far is returned when it runs out. */
  readonly maxTests?: number;
}

/**
 * Delta debugging on a counterexample: removes whole threads, then chunks of
 * steps (ddmin, Zeller 2002), then single steps, while a lenient replay of
 * what is left still violates the same property; when nothing more goes, it
 * tries each thread's steps under another thread's name (a fault on another
 * page may need fewer steps), and starts again. The result is 1-minimal: no
 * single step can go. Returns undefined when the input does not violate
 * the target's `property` at all.
 */
export function minimiseTrace<S, A>(target: ReplayTarget<S, A>, steps: readonly NamedStep[], options: MinimiseOptions = {}): Minimised | undefined {
  const { model, property } = target;
  const maxTests = options.maxTests ?? 20_000;
  let tests = 0;
  let best: { steps: readonly NamedStep[]; trace: TracePath; failure: Failure } | undefined;
  let names: readonly string[] = [];
  /** Replays `cand`; on the same violation keeps it (cut at the violation) and returns true. */
  const test = (cand: readonly NamedStep[]): boolean => {
    if (tests >= maxTests) return false;
    tests++;
    const r = replaySteps(target, cand, 'lenient');
    if (r.status !== 'violated' || r.failure.property !== property) return false;
    if (best !== undefined && r.executed.length >= best.steps.length && threads(r.executed) >= threads(best.steps)) return false;
    best = { steps: r.executed, trace: r.trace, failure: r.failure };
    if (names.length === 0) names = enabledThreads(model, r.states);
    return true;
  };
  if (!test(steps)) return undefined;
  for (let before = Infinity; best!.steps.length < before && tests < maxTests;) {
    before = best!.steps.length;
    removeThreads(() => best!.steps, test);
    ddmin(() => best!.steps, test);
    for (let i = best!.steps.length - 1; i >= 0; i--) test(without(best!.steps, i, i + 1));
    if (best!.steps.length === before) substituteThreads(() => best!.steps, test, names);
  }
  return { ...best!, originalLength: steps.length, tests };
}

/** Minimises a violation found by any explorer; `unreachable` ones (no trace) come back unchanged. */
export function minimiseViolation<S, A>(
  model: Model<S, A>,
  properties: readonly Property<S, A>[],
  violation: Violation,
  options: MinimiseOptions = {},
): Violation {
  if (violation.kind === 'unreachable') return violation;
  const steps = toNamedSteps(model, violation.trace);
  const m = minimiseTrace({ model, properties, property: violation.property, init: violation.trace.init }, steps, options);
  return m === undefined ? violation : { ...violation, message: m.failure.message, trace: m.trace };
}

function threads(steps: readonly NamedStep[]): number {
  return new Set(steps.map((s) => s.thread)).size;
}

function without<T>(xs: readonly T[], from: number, to: number): T[] {
  return [...xs.slice(0, from), ...xs.slice(to)];
}

function removeThreads(current: () => readonly NamedStep[], test: (c: readonly NamedStep[]) => boolean): void {
  for (const t of [...new Set(current().map((s) => s.thread))]) test(current().filter((s) => s.thread !== t));
}

/** Every thread with an enabled action in some state of `states`, in order of appearance. */
function enabledThreads<S, A>(model: Model<S, A>, states: readonly S[]): string[] {
  const names = new Set<string>();
  const actions: A[] = [];
  for (const s of states) {
    actions.length = 0;
    model.actions(s, actions);
    for (const a of actions) names.add(model.describeAction(s, a).thread);
  }
  return [...names];
}

/** Replays one thread's steps as another thread (absent from the trace): stops at the first that shortens it. */
function substituteThreads(current: () => readonly NamedStep[], test: (c: readonly NamedStep[]) => boolean, names: readonly string[]): void {
  const inTrace = new Set(current().map((s) => s.thread));
  for (const from of inTrace) {
    for (const to of names) {
      if (inTrace.has(to)) continue;
      if (test(current().map((s) => (s.thread === from ? { thread: to, label: s.label } : s)))) return;
    }
  }
}

function ddmin(current: () => readonly NamedStep[], test: (c: readonly NamedStep[]) => boolean): void {
  let n = 2;
  while (current().length >= 2) {
    const cur = current();
    const chunk = Math.ceil(cur.length / n);
    let reduced = false;
    for (let from = 0; from < cur.length && !reduced; from += chunk) reduced = test(without(cur, from, from + chunk));
    if (reduced) n = Math.max(n - 1, 2);
    else if (n >= cur.length) return;
    else n = Math.min(2 * n, cur.length);
  }
}
