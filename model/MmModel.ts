/**
 * The engine adapter: a `Model<MmState, MmAction>` built from a scenario.
 * Actions: for each thread in id order, each outcome of its current step when
 * the step's guard holds. Keys: a hash of the state without its constant
 * config, each successor's from its parent's (model/mm/stateKey.ts).
 */
import type { ActionInfo, Model } from '../src/engine/Model.js';
import { ModelError } from '../src/engine/Model.js';
import type { MmState } from './mm/MmState.js';
import { mmStateKey, noteDerived } from './mm/stateKey.js';
import { canonicalState, symmetryNote, threadClasses } from './mm/canonicalState.js';
import type { Program } from './mm/step/Program.js';
import { stateStep, viewOf } from './mm/step/currentStep.js';
import type { ProgramRegistry } from './mm/step/ProgramRegistry.js';
import { enabledOutcomes, runStep, type StepOptions } from './mm/step/runStep.js';
import { mmPartialOrder } from './mmPartialOrder.js';
import { buildInitialState } from './scenario/buildInitialState.js';
import { mergeSites } from './scenario/mergeSites.js';
import { catalogSites } from './scenario/resolveScenario.js';
import { CATALOG } from './sites/catalog.js';
import { defaultRegistry } from './scenario/defaultRegistry.js';
import { describeMmState } from './scenario/describeMmState.js';
import { describeBlocked } from './scenario/describeBlocked.js';
import type { Scenario } from './scenario/Scenario.js';

/** Thread `thread` runs outcome `outcome` of its current step. */
export interface MmAction {
  readonly thread: number;
  readonly outcome: number;
}

export interface MmModel extends Model<MmState, MmAction> {
  readonly scenario: Scenario;
  readonly registry: ProgramRegistry;
  /** What `--symmetry` permutes here, or why nothing (model/mm/canonicalState.ts). */
  readonly symmetryNote: string;
}

export interface BuildMmModelOptions {
  /** Extra programs (a TS scenario module's operations, a mutant's replacement). */
  readonly programs?: readonly Program[];
  /** Use this registry instead of the default one (programs is then ignored). */
  readonly registry?: ProgramRegistry;
  /** How successors are built (runStep.ts StateBackend); default: setDefaultStateBackend's. */
  readonly state?: StepOptions;
}

/**
 * The state backend of models built without `state`: a process-wide choice
 * (`mnc --state`, the differential test), set before models are built.
 */
let defaultStepOptions: StepOptions = { backend: 'cow' };

export function setDefaultStateBackend(opts: StepOptions): void {
  defaultStepOptions = opts;
}

export function defaultStateBackend(): StepOptions {
  return defaultStepOptions;
}

/** The actions of a thread by outcome, made once: an action is a value (thread, outcome), and the explorers ask for every state's. */
const ACTIONS: MmAction[][] = [];

function actionOf(thread: number, outcome: number): MmAction {
  const byOutcome = (ACTIONS[thread] ??= []);
  return (byOutcome[outcome] ??= Object.freeze({ thread, outcome }));
}

/** A scenario resolveScenario made: complete site configs and its registry (ResolvedScenario fits). */
export interface ResolvedInput {
  readonly scenario: Scenario;
  readonly registry: ProgramRegistry;
}

/**
 * The site configs the model reads: a resolved scenario's as they are; a
 * scenario as written (a test's, a mutant baseline's) gets the catalog's
 * under its profile with its own `sites` on top, as resolveScenario would
 * give it, but a test's own site ids are kept. Either way the catalog is
 * expanded once.
 */
function withSites(sc: Scenario): Scenario {
  const profile = sc.profile ?? 'seed';
  return { ...sc, profile, sites: mergeSites(catalogSites(CATALOG, profile), sc.sites) };
}

/** The model of `input`: a resolved scenario (with its registry; opts.registry and opts.programs are then ignored) or one as written. */
export function buildMmModel(input: Scenario | ResolvedInput, opts: BuildMmModelOptions = {}): MmModel {
  const resolved = 'registry' in input;
  const scenario = resolved ? input.scenario : input;
  const reg = resolved ? input.registry : (opts.registry ?? defaultRegistry(opts.programs ?? []));
  const stepOpts = opts.state ?? defaultStepOptions;
  const init = buildInitialState(resolved ? scenario : withSites(scenario), reg, stepOpts.backend === 'immer' || stepOpts.checked === true);
  const symmetric = threadClasses(init.cfg);
  return {
    name: scenario.name,
    scenario,
    registry: reg,
    initialStates: () => [init],
    actions(s, out) {
      for (let t = 0; t < s.threads.length; t++) {
        const n = enabledOutcomes(reg, s, t);
        for (let o = 0; o < n; o++) out.push(actionOf(t, o));
      }
    },
    nextState(s, a) {
      const n = runStep(reg, s, a.thread, a.outcome, stepOpts);
      noteDerived(s, n); // its key starts from s's (model/mm/stateKey.ts)
      return n;
    },
    key: mmStateKey,
    isDone: (s) => s.threads.every((t) => t.frames.length === 0),
    describeAction(s, a): ActionInfo {
      const t = s.threads[a.thread];
      if (!t) throw new ModelError(`no thread ${a.thread}`);
      const cur = stateStep(reg, t);
      const name = s.cfg.threads[a.thread]!.name;
      if (!cur) return { thread: name, label: '(ended)' };
      const view = viewOf(reg, s, t, a.thread, cur);
      const what = cur.step.describe?.(view, a.outcome);
      const out = what !== undefined ? ` [${what}]` : a.outcome > 0 || enabledOutcomes(reg, s, a.thread) > 1 ? ` [outcome ${a.outcome}]` : '';
      // brief: the function and the step, without the file (a function named like its step once)
      const fn = cur.step.at.slice(cur.step.at.lastIndexOf(':') + 1).trim();
      return { thread: name, label: `${cur.step.at}:${cur.step.label}${out}`, brief: `${fn === cur.step.label ? '' : `${fn}:`}${cur.step.label}${out}` };
    },
    describeState: describeMmState,
    describeBlocked: (s) => describeBlocked(reg, s),
    // Recorded footprints, checked hints (model/mmPartialOrder.ts); no `isLocal`: nothing is trusted.
    partialOrder: mmPartialOrder(reg, stepOpts),
    // --symmetry: interchangeable threads (model/mm/canonicalState.ts); absent when there are none
    symmetryNote: symmetryNote(init.cfg),
    ...(symmetric.length > 0
      ? {
          representative(s: MmState) {
            const c = canonicalState(s, symmetric);
            noteDerived(s, c);
            return c;
          },
        }
      : {}),
  };
}
