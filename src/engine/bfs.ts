import type { Model } from './Model.js';
import { ModelError } from './Model.js';
import type { Property } from './Property.js';
import type { ExploreOptions } from './ExploreOptions.js';
import type { ExploreResult, TracePath, Violation } from './ExploreResult.js';
import { FingerprintSet } from './FingerprintSet.js';
import { TraceStore } from './TraceStore.js';
import { PropertyChecker, type Failure } from './PropertyChecker.js';
import { fingerprintInto } from './fingerprint.js';
import { RunClock } from './RunClock.js';
import { finish, type Ending } from './finish.js';
import type { Checkpointer, BfsSnapshot } from './Checkpointer.js';
import { replay } from './replay.js';
import { ObjectFrontier, PackedFrontier, type Frontier } from './Frontier.js';
import { concretize } from './concretize.js';
import { deadlockFailure } from './deadlockFailure.js';
import { errorAt } from './errorTrace.js';
import { AmpleSets, POR_NOT_APPLICABLE } from './por/AmpleSets.js';
import { Visibility } from './por/Visibility.js';
import { Proviso } from './por/Proviso.js';
import { StateFootprints } from './por/StateFootprints.js';
import { NONE, SleepSets, type Redo, type Slept } from './por/SleepSets.js';

export interface BfsOptions extends ExploreOptions {
  /** Writes a checkpoint at level boundaries; resumes from one if given. */
  readonly checkpointer?: Checkpointer;
  readonly resume?: BfsSnapshot;
  /** With `por`: collect why ample sets were refused into this map (bench/por/). */
  readonly porExplain?: Map<string, number>;
}

/**
 * Breadth-first exhaustive exploration, level by level, so the first
 * violation found has a shortest trace. Stores only fingerprints and parent
 * links; states live in the frontier alone.
 *
 * Per successor (TLC's order): step properties on every edge; the
 * fingerprint; on a new state, invariants and reachability guards, then it
 * joins the next level if inside the model's boundary. A state with no
 * enabled action is an end state (terminal properties) when the model says
 * every thread has ended, else a deadlock.
 */
export function bfs<S, A>(model: Model<S, A>, properties: readonly Property<S, A>[], options: BfsOptions = {}): ExploreResult {
  const checker = new PropertyChecker<S, A>(properties);
  const expected = options.expectedStates ?? options.resume?.count ?? 1 << 10; // grows by doubling: a small run (mnc check runs 231) allocates kilobytes
  const seen = options.resume ? FingerprintSet.restore(options.resume.table, options.resume.count) : new FingerprintSet(expected);
  const trace = options.resume ? TraceStore.restore(options.resume.parent, options.resume.action, options.resume.n) : new TraceStore();
  const clock = new RunClock(options, options.resume?.seconds ?? 0);
  /** With --all-violations, a resumed run goes on from the violations found before its checkpoint. */
  const violations: Violation[] = [...(options.resume?.violations ?? [])];
  const reported = new Set<string>(violations.map((v) => v.property));
  const fp = new Uint32Array(2);
  const acts: A[] = [];
  const canon = options.symmetry && model.representative ? model.representative.bind(model) : undefined;
  const po = options.por || options.porCheck ? model.partialOrder : undefined;
  const visibility = po ? new Visibility(po, checker) : undefined;
  /** The footprints of the state being expanded, recorded once each for the ample and the sleep sets. */
  const footprints = po && visibility ? new StateFootprints(po, visibility, options.porCheck === true) : undefined;
  const ampleSets = po && visibility ? new AmpleSets(po, visibility, footprints!, options.porExplain !== undefined) : undefined;
  const proviso = ampleSets ? new Proviso() : undefined;
  /** The old hint, for models without recorded footprints (toy models). */
  const isLocal = options.por && !po && model.isLocal ? model.isLocal.bind(model) : undefined;
  /** Not under symmetry: a sleep set names threads, which the canonical form permutes (src/cli/inapplicableFlags.ts says so). */
  const sleepSets = ampleSets && options.sleepSets && !canon ? new SleepSets(model, po!, footprints!) : undefined;
  if (sleepSets && (options.checkpointer || options.resume))
    throw new Error('bfs: sleep sets do not compose with checkpoints (the sleep sets of expanded states are not saved)');
  let transitions = options.resume?.transitions ?? 0;
  let depth = options.resume?.depth ?? 0;

  /** Records a failure; true when the run must stop. */
  const fail = (f: Failure, path: TracePath): boolean => {
    if (!reported.has(f.property)) {
      reported.add(f.property);
      violations.push({ ...f, trace: canon ? concretize(model, path, canon) : path });
    }
    return !options.allViolations;
  };
  const stats = () => ({
    distinctStates: seen.size,
    transitions,
    maxDepth: depth,
    bytes: seen.bytes + trace.bytes,
  });
  const withPor = (r: ExploreResult): ExploreResult => {
    if (options.por && !ampleSets && !isLocal) return { ...r, stats: { ...r.stats, por: POR_NOT_APPLICABLE } };
    if (!ampleSets) return r;
    for (const [k, v] of ampleSets.refusals) options.porExplain?.set(k, (options.porExplain.get(k) ?? 0) + v);
    return { ...r, stats: { ...r.stats, por: { ...ampleSets.stats(), ...(sleepSets ? sleepSets.stats() : {}) } } };
  };
  const done = (ending: Ending) => withPor(finish(clock, stats(), violations, ending, checker));

  let curId = -1;
  let curK = -1;
  const packed = model.packed;
  const scratch = packed ? new Int32Array(packed.width) : undefined;
  /** The successor: into the scratch buffer for packed models (copied only when new). */
  const successor = packed ? (s: S, a: A): S => (packed.nextInto(s, a, scratch!), scratch as unknown as S) : (s: S, a: A) => model.nextState(s, a);
  const newLevel = (): Frontier<S> => (packed ? (new PackedFrontier(packed.width) as unknown as Frontier<S>) : new ObjectFrontier<S>());
  let level = newLevel();
  /**
   * States of the level (unsure) and of the next (nextUnsure) on which an
   * invariant may not hold: one that failed under allViolations, one a
   * resume or a sleep set's re-expansion brings back unchecked. The others
   * passed every invariant, and their successors are checked as their
   * successors (PropertyChecker.checkState's parent; not for packed states,
   * which are a reused buffer).
   */
  let unsure = new Set<S>();
  let nextUnsure = new Set<S>();
  let ids: number[] = [];
  /** With sleep sets, per state of the level: its sleep set (a first expansion) or the actions to take (a re-expansion). */
  let work: (Slept | Redo | undefined)[] = [];
  let resumedNext: Uint32Array | undefined = options.resume?.next;
  /** Transitions counted before the state being expanded: a resume expands that state again. */
  let transitionsBefore = transitions;
  const snapshot = (frontier: readonly number[], next: readonly number[]): BfsSnapshot => ({
    ...seen.snapshot(),
    ...trace.snapshot(),
    frontier: Uint32Array.from(frontier),
    next: Uint32Array.from(next),
    transitions: transitionsBefore,
    depth,
    seconds: clock.seconds(),
    reached: checker.reachedFlags(),
    violations: [...violations],
  });
  try {
    if (options.resume) {
      checker.restoreReached(options.resume.reached);
      for (const id of options.resume.frontier) {
        const s = replay(model, trace.path(id), canon).final;
        level.push(s);
        unsure.add(s);
        ids.push(id);
      }
    } else {
      const inits = model.initialStates();
      for (let i = 0; i < inits.length; i++) {
        const s = canon ? canon(inits[i]!) : inits[i]!;
        fingerprintInto(model.key(s), fp);
        if (!seen.add(fp[0]!, fp[1]!)) continue;
        const id = trace.addRoot(i);
        visibility?.checkState(s);
        const f = checker.checkState(s);
        if (f && fail(f, trace.path(id))) return done('stopped');
        if (f) unsure.add(s);
        if (!model.withinBoundary || model.withinBoundary(s)) {
          level.push(s);
          ids.push(id);
          work.push(undefined);
        }
      }
    }

    while (level.length > 0 || (resumedNext !== undefined && resumedNext.length > 0)) {
      transitionsBefore = transitions;
      if (options.maxDepth !== undefined && depth >= options.maxDepth) {
        options.checkpointer?.save(snapshot(ids, [])); // a resume with a larger --max-depth goes on from here
        return done('max-depth');
      }
      options.checkpointer?.maybeSave(() => snapshot(ids, []));
      const next = newLevel();
      const nextIds: number[] = [];
      const nextWork: (Slept | Redo | undefined)[] = [];
      proviso?.newLevel();
      if (resumedNext) {
        // a checkpoint taken inside a level: the part of the next level found before it
        for (const id of resumedNext) {
          const ns = replay(model, trace.path(id), canon).final;
          next.push(ns);
          nextIds.push(id);
          nextUnsure.add(ns);
          if (proviso) {
            fingerprintInto(model.key(ns), fp);
            proviso.add(fp[0]!, fp[1]!);
          }
        }
        resumedNext = undefined;
      }
      /** Ends the run on a budget, checkpointing where it stands so that a resume loses nothing. */
      const stopAt = (q: number, reason: Ending) => {
        options.checkpointer?.save(snapshot(ids.slice(q), nextIds));
        return done(reason);
      };
      for (let q = 0; q < level.length; q++) {
        const s = level.get(q);
        /** The parent the invariants of s's new successors may judge them against (see unsure). */
        const parent = packed || (unsure.size > 0 && unsure.has(s)) ? undefined : s;
        const id = ids[q]!;
        curId = id;
        curK = -1;
        transitionsBefore = transitions;
        const stop = clock.check(seen.size, transitions, depth, level.length - q + next.length);
        if (stop) return stopAt(q, stop);
        acts.length = 0;
        model.actions(s, acts);
        const w = sleepSets ? work[q] : undefined;
        /** A re-expansion (SleepSets.ts): only the actions that slept at its first expansion and not on a later path. */
        const redo = w !== undefined && 'only' in w ? w : undefined;
        const sleep = w ? w.sleep : NONE;
        footprints?.begin(s, acts);
        if (acts.length === 0) {
          const f = model.isDone(s) ? checker.checkTerminal(s) : deadlockFailure(model, s);
          if (f && fail(f, trace.path(id))) return done('stopped');
          continue;
        }
        let first = 0;
        let last = acts.length;
        /** The ample action's successor, computed once for the proviso and reused below. */
        let ample: S | undefined;
        /** With recorded footprints: the ample set (indices into acts) and its successors. */
        let chosen: number[] | undefined;
        let chosenNext: { ns: S; cs: S; hi: number; lo: number }[] | undefined;
        if (ampleSets && !redo) {
          chosen = ampleSets.choose(s, acts);
          if (chosen) {
            // C3, the cycle proviso (por/Proviso.ts): no ample successor seen at this depth or before, else expand fully
            chosenNext = chosen.map((k) => {
              const ns = model.nextState(s, acts[k]!);
              const cs = canon ? canon(ns) : ns;
              fingerprintInto(model.key(cs), fp);
              return { ns, cs, hi: fp[0]!, lo: fp[1]! };
            });
            if (chosenNext.every((x) => proviso!.allows(seen, x.hi, x.lo))) {
              ampleSets.reducedStates++;
              ampleSets.prunedTransitions += acts.length - chosen.length;
            } else {
              ampleSets.provisoRefusals++;
              chosen = chosenNext = undefined;
            }
          }
        } else if (isLocal) {
          const k = acts.findIndex((a) => isLocal(s, a));
          if (k >= 0) {
            // Ample set {k}, unless its successor was seen already (cycle proviso).
            curK = k;
            const ns = successor(s, acts[k]!);
            const cs = canon ? canon(ns) : ns;
            fingerprintInto(model.key(cs), fp);
            if (!seen.has(fp[0]!, fp[1]!)) {
              first = k;
              last = k + 1;
              ample = ns;
            }
          }
        }
        const n = chosen ? chosen.length : last - first;
        // from here on, a path to this state (itself included, by a loop) with less asleep expands it again for the difference
        if (w !== undefined && !redo) sleepSets!.expanding(w as Slept, chosen ?? Array.from({ length: n }, (_, i) => first + i));
        /** With sleep sets: the actions taken so far from this state (indices), asleep at the later successors they commute with. */
        const before: number[] | undefined = sleepSets ? [] : undefined;
        for (let j = 0; j < n; j++) {
          const k = chosen ? chosen[j]! : first + j;
          if (sleepSets && (redo ? !redo.only.includes(sleepSets.key(k)) : sleepSets.asleep(k, sleep))) {
            if (!redo) sleepSets.slept++;
            continue;
          }
          const a = acts[k]!;
          curK = k;
          const pre = chosenNext?.[j];
          let ns = pre ? pre.ns : (ample ?? successor(s, a));
          if (sleepSets && !packed) footprints!.successor(k, ns); // the sleep sets' edge recordings reuse it
          transitions++;
          const sf = checker.checkStep(s, a, ns);
          if (sf && fail(sf, withStep(trace.path(id), k))) return done('stopped');
          if (pre) {
            ns = pre.cs; // keyed once, in the proviso
            fp[0] = pre.hi;
            fp[1] = pre.lo;
          } else {
            if (canon) ns = canon(ns);
            fingerprintInto(model.key(ns), fp);
          }
          if (!seen.add(fp[0]!, fp[1]!)) {
            if (sleepSets) {
              const again = sleepSets.again(fp[0]!, fp[1]!, () => sleepSets.successor(sleep, before!, k));
              if (again) {
                next.push(ns); // expanded again on the next level for what it missed
                nextUnsure.add(ns);
                nextIds.push(again.id);
                nextWork.push(again);
              }
              before!.push(k);
            }
            continue;
          }
          proviso?.add(fp[0]!, fp[1]!);
          const nid = trace.add(id, k);
          if (sleepSets) {
            if (redo) sleepSets.lateStates++;
            const slept = sleepSets.arrive(fp[0]!, fp[1]!, nid, sleepSets.successor(sleep, before!, k));
            before!.push(k);
            if (!model.withinBoundary || model.withinBoundary(ns)) nextWork.push(slept);
          }
          visibility?.checkState(ns, s);
          const f = checker.checkState(ns, parent);
          if (f && fail(f, trace.path(nid))) return done('stopped');
          if (!model.withinBoundary || model.withinBoundary(ns)) {
            if (f) nextUnsure.add(ns);
            next.push(ns);
            nextIds.push(nid);
          }
          if (options.maxStates !== undefined && seen.size >= options.maxStates) return stopAt(q, 'max-states'); // state q is expanded again on resume
        }
      }
      level = next;
      unsure = nextUnsure;
      nextUnsure = new Set<S>();
      ids = nextIds;
      work = nextWork;
      if (level.length > 0) depth++;
    }
    options.checkpointer?.clear();
    return done('complete');
  } catch (e) {
    if (e instanceof ModelError) {
      const at = errorAt(model, curId < 0 ? { init: 0, path: [] } : trace.path(curId), curK < 0 ? undefined : curK, canon);
      return withPor({ status: 'model-error', violations, stats: clock.stats(stats()), message: e.message, ...at });
    }
    throw e;
  }
}

function withStep(p: TracePath, k: number): TracePath {
  return { init: p.init, path: [...p.path, k] };
}
