import type { Model } from './Model.js';
import { ModelError } from './Model.js';
import type { Property } from './Property.js';
import type { ExploreOptions } from './ExploreOptions.js';
import type { ExploreResult, TracePath, Violation } from './ExploreResult.js';
import { FingerprintSet } from './FingerprintSet.js';
import { PropertyChecker, type Failure } from './PropertyChecker.js';
import { fingerprintInto } from './fingerprint.js';
import { RunClock } from './RunClock.js';
import { finish, type Ending } from './finish.js';
import { concretize } from './concretize.js';
import { deadlockFailure } from './deadlockFailure.js';
import { errorAt } from './errorTrace.js';

interface Frame<S, A> {
  readonly state: S;
  /** Index of the action that led here (the initial state's index for roots). */
  readonly via: number;
  acts: A[] | undefined;
  next: number;
  /** Every invariant held on the state: its successors' invariants are judged after it (PropertyChecker.checkState's parent). */
  held: boolean;
}

/**
 * Depth-first exhaustive exploration with a fingerprint seen-set. Uses
 * memory proportional to the depth, not the breadth; its counterexamples are
 * not shortest (minimise them with the shrinker). The trace is the stack.
 */
export function dfs<S, A>(model: Model<S, A>, properties: readonly Property<S, A>[], options: ExploreOptions = {}): ExploreResult {
  const checker = new PropertyChecker<S, A>(properties);
  const seen = new FingerprintSet(options.expectedStates ?? 1 << 10);
  const clock = new RunClock(options);
  const violations: Violation[] = [];
  const reported = new Set<string>();
  const fp = new Uint32Array(2);
  const canon = options.symmetry && model.representative ? model.representative.bind(model) : undefined;
  const stack: Frame<S, A>[] = [];
  let transitions = 0;
  let maxDepth = 0;
  let cut = false;
  /** The action of the top state being taken (a model error there names it). */
  let stepping: number | undefined;

  const pathOf = (extra?: number): TracePath => {
    const path = stack.slice(1).map((f) => f.via);
    if (extra !== undefined) path.push(extra);
    return { init: stack[0]?.via ?? 0, path };
  };
  const fail = (f: Failure, path: TracePath): boolean => {
    if (!reported.has(f.property)) {
      reported.add(f.property);
      violations.push({ ...f, trace: canon ? concretize(model, path, canon) : path });
    }
    return !options.allViolations;
  };
  const done = (ending: Ending) => finish(clock, { distinctStates: seen.size, transitions, maxDepth, bytes: seen.bytes }, violations, ending, checker);
  /** Visits a new state: true when the run must stop. */
  const enter = (s: S, via: number, parent?: Frame<S, A>): boolean => {
    const frame: Frame<S, A> = { state: s, via, acts: undefined, next: 0, held: false };
    stack.push(frame);
    maxDepth = Math.max(maxDepth, stack.length - 1);
    const f = checker.checkState(s, parent?.held ? parent.state : undefined);
    frame.held = f === undefined;
    return f !== undefined && fail(f, pathOf());
  };

  try {
    const inits = model.initialStates();
    for (let i = 0; i < inits.length; i++) {
      const s0 = canon ? canon(inits[i]!) : inits[i]!;
      fingerprintInto(model.key(s0), fp);
      if (!seen.add(fp[0]!, fp[1]!)) continue;
      if (enter(s0, i)) return done('stopped');
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!;
        const depth = stack.length - 1;
        const stop = clock.check(seen.size, transitions, depth, stack.length);
        if (stop) return done(stop);
        if (top.acts === undefined) {
          top.acts = [];
          if (!model.withinBoundary || model.withinBoundary(top.state)) model.actions(top.state, top.acts);
          else top.next = Infinity;
          if (top.acts.length === 0 && top.next === 0) {
            const f = model.isDone(top.state) ? checker.checkTerminal(top.state) : deadlockFailure(model, top.state);
            if (f && fail(f, pathOf())) return done('stopped');
          }
        }
        if (top.next >= top.acts.length) {
          stack.pop();
          continue;
        }
        const k = top.next++;
        const a = top.acts[k]!;
        stepping = k;
        let ns = model.nextState(top.state, a);
        transitions++;
        const sf = checker.checkStep(top.state, a, ns);
        if (sf && fail(sf, pathOf(k))) return done('stopped');
        if (canon) ns = canon(ns);
        fingerprintInto(model.key(ns), fp);
        stepping = undefined;
        if (!seen.add(fp[0]!, fp[1]!)) continue;
        if (options.maxStates !== undefined && seen.size >= options.maxStates) return done('max-states');
        if (options.maxDepth !== undefined && depth + 1 > options.maxDepth) {
          cut = true;
          continue;
        }
        if (enter(ns, k, top)) return done('stopped');
      }
    }
    return done(cut ? 'max-depth' : 'complete');
  } catch (e) {
    if (e instanceof ModelError) {
      const stats = clock.stats({ distinctStates: seen.size, transitions, maxDepth, bytes: seen.bytes });
      return { status: 'model-error', violations, stats, message: e.message, ...errorAt(model, pathOf(), stepping, canon) };
    }
    throw e;
  }
}
