/**
 * A scenario is data, like a litmus test: the mms with their VMAs and
 * initial mappings, the mirrors and their subscriber order per mm, the
 * threads (operation + arguments), and the expected verdict.
 * The types are inferred from the one schema (scenarioSchema.ts), which
 * also validates files and publishes scenario.schema.json; field docs are
 * there. TS modules export one plus extra programs (ScenarioModule).
 */
import type { z } from 'zod';
import type { Program } from '../mm/step/Program.js';
import type { ProgramEdit } from './ProgramEdit.js';
import type {
  MappingSpecSchema,
  MirrorSpecSchema,
  MmSpecSchema,
  ProfileExpectationSchema,
  ScenarioSchema,
  SiteSpecSchema,
  ThreadSpecSchema,
  VerdictSchema,
  VmaSpecSchema,
} from './scenarioSchema.js';

export type Scenario = z.infer<typeof ScenarioSchema>;
export type VmaSpec = z.infer<typeof VmaSpecSchema>;
export type MappingSpec = z.infer<typeof MappingSpecSchema>;
export type MmSpec = z.infer<typeof MmSpecSchema>;
export type MirrorSpec = z.infer<typeof MirrorSpecSchema>;
export type ThreadSpec = z.infer<typeof ThreadSpecSchema>;
/** A site's event, vma and range bounds; any subset overrides the catalog's. */
export type SiteSpec = z.infer<typeof SiteSpecSchema>;
/** `ok`, `violation`, or `deadlock` (a violation of the engine's `deadlock` property). */
export type ExpectedVerdict = z.infer<typeof VerdictSchema>;
export type ProfileExpectation = z.infer<typeof ProfileExpectationSchema>;

/** A TypeScript scenario module: a scenario plus the programs it adds, and the programs or steps it replaces. */
export interface ScenarioModule {
  readonly scenario: Scenario;
  /** New programs (operations, subroutines); a name already registered is an error (use `edits`). */
  readonly programs?: readonly Program[];
  /** Replacements of registered programs or of one step of one (replaceProgram, replaceStep). */
  readonly edits?: readonly ProgramEdit[];
}
