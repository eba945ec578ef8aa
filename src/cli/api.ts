/**
 * The public API of mnc (`import { ... } from 'mnc'`): what a scenario
 * module outside the repository needs to write scenarios, new operations
 * and faulty variants of existing ones, and what a program needs to build
 * and explore scenarios from code. Everything here is documented in
 * model/README.md ("Scenario modules and the API").
 */
import type { Program } from '../../model/mm/step/Program.js';
import type { ProgramEdit } from '../../model/scenario/ProgramEdit.js';
import type { Scenario, ScenarioModule } from '../../model/scenario/Scenario.js';

/** A scenario, typed (the identity: for editors and the compiler). */
export const defineScenario = (scenario: Scenario): Scenario => scenario;
/** A program (an operation or subroutine), typed. */
export const defineProgram = (program: Program): Program => program;
/** A whole scenario module (`export default defineModule({ scenario, programs, edits })`). */
export const defineModule = (m: ScenarioModule): ScenarioModule => m;

// Scenarios: the schema, its types, validation, loading, resolution.
export type {
  Scenario,
  ScenarioModule,
  VmaSpec,
  MappingSpec,
  MmSpec,
  MirrorSpec,
  ThreadSpec,
  SiteSpec,
  ExpectedVerdict,
} from '../../model/scenario/Scenario.js';
export { ScenarioSchema } from '../../model/scenario/scenarioSchema.js';
export { validateScenario } from '../../model/scenario/validateScenario.js';
export { ScenarioError } from '../../model/scenario/ScenarioError.js';
export { loadScenarioFile } from '../../model/scenario/loadScenarioFile.js';
export { resolveScenario } from '../../model/scenario/resolveScenario.js';
export type { ResolvedScenario, ResolveOptions, SiteOverride, ScenarioMutant, CatalogEntry, EventProfile } from '../../model/scenario/resolveScenario.js';
export type { Expectation } from '../../model/scenario/Expectation.js';
export { CATALOG } from '../../model/sites/catalog.js';

// Faulty variants: the edit API.
export { replaceProgram, replaceStep } from '../../model/scenario/ProgramEdit.js';
export type { ProgramEdit };

// Writing programs: the step DSL.
export type { Program, Step, StepCtx, StepView, Next } from '../../model/mm/step/Program.js';
export { DONE } from '../../model/mm/step/Program.js';
export { lockStep, unlockStep, localStep, sectionStep } from '../../model/mm/step/steps.js';
export { LockName, lockId, lockState } from '../../model/mm/locks.js';
/** The one way a program writes the shared state (page tables, frames, mms, vmas, files, swap, locks, mirrors). */
export { mutPool, mutPteTable, mutPmdTable, mutMm, mutVma, mutFrame, mutFile, mutSwapSlot, mutLocks, mutMirror } from '../../model/mm/mutate.js';
export type { Locals, Scalar, MmState } from '../../model/mm/MmState.js';

// Checking from code: the model and contract of a resolved scenario, and one exhaustive run.
export { buildMmCheck } from './buildMmCheck.js';
export { mmBuilt, DEFAULT_MM } from './mmBuilt.js';
export type { Built, MmBuildOptions } from './ScenarioEntry.js';
export { siteChecks } from './siteChecks.js';
export type { SiteCheck, SiteCheckFilter } from './siteChecks.js';
export { runExploration } from './runExploration.js';
export type { Explored } from './runExploration.js';
export type { ExploreResult } from '../engine/ExploreResult.js';

// Sweeping from code: the configurations of a bounded scope (`mnc sweep`), each a resolved scenario and its site.
export { sweepPlan } from './sweepSpace.js';
export type { SweepOptions, SweepPlan } from './sweepSpace.js';
export type { SweepJob } from './SweepJob.js';
