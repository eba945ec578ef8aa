/**
 * Mutants are transformations of programs (step lists), never edits of the
 * model's files: a mutant takes the registered program, rewrites some steps,
 * and the model is built with a registry where the rewrite replaces it.
 */
import type { Locals } from '../../model/mm/MmState.js';
import type { Program, Step } from '../../model/mm/step/Program.js';
import { ProgramRegistry } from '../../model/mm/step/ProgramRegistry.js';
import { defaultRegistry } from '../../model/scenario/defaultRegistry.js';

/** What to do with a step: replace it by one step, or by several (insertion). */
export type StepEdit = (s: Step) => Step | readonly Step[];

const ORIGINAL = defaultRegistry();

/** The registered (correct) program `name`. */
export function original(name: string): Program {
  return ORIGINAL.get(name);
}

/** `name` with the steps named in `edits` rewritten (an unknown label throws: the mutant is stale). */
export function editProgram(name: string, edits: Readonly<Record<string, StepEdit>>, extraLocals: Locals = {}): Program {
  const p = original(name);
  for (const label of Object.keys(edits)) {
    if (!p.steps.some((s) => s.label === label)) throw new Error(`mutant of ${name}: no step labelled '${label}'`);
  }
  return {
    name: p.name,
    locals: (a) => ({ ...p.locals(a), ...extraLocals }),
    steps: p.steps.flatMap((s) => {
      const e = edits[s.label];
      return e ? e(s) : [s];
    }),
  };
}

/** The step with another body (keeps label, `at`, guard and outcomes). */
export const withRun =
  (run: Step['run']): StepEdit =>
  // not `local` any more: the new body is not the one the hint was given for (review P7)
  ({ local: _local, ...s }) => ({ ...s, run });

/** The default registry with `programs` replacing the registered ones of the same names. */
export function registryWith(programs: readonly Program[]): ProgramRegistry {
  const byName = new Map(programs.map((p) => [p.name, p]));
  for (const n of byName.keys()) if (!ORIGINAL.has(n)) throw new Error(`mutant replaces unknown program ${n}`);
  return new ProgramRegistry(
    ORIGINAL.names().map((n) => byName.get(n) ?? ORIGINAL.get(n)),
    byName.size > 0,
  );
}
