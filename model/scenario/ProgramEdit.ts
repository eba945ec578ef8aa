/**
 * The edit API of scenario modules: the faulty variant of existing kernel
 * code as data. A module exports `edits` made with `replaceProgram` (a whole
 * program, by name) or `replaceStep` (one step of a program, by label: a new
 * step, or several to insert); the registry is built with the edits applied
 * (applyEdits) and what was replaced is printed with the verdict.
 */
import { ModelError } from '../../src/engine/Model.js';
import type { Program, Step } from '../mm/step/Program.js';
import type { ProgramRegistry } from '../mm/step/ProgramRegistry.js';

export type ProgramEdit =
  | { readonly kind: 'program'; readonly program: Program }
  | { readonly kind: 'step'; readonly program: string; readonly label: string; readonly edit: (old: Step) => Step | readonly Step[] };

/** Replace the registered program of the same name (`mnc ops` lists them). */
export function replaceProgram(program: Program): ProgramEdit {
  return { kind: 'program', program };
}

/**
 * Replace step `label` of program `program`: `edit` gets the registered step
 * and returns its replacement (`{ ...old, run }` keeps label, `at` and guard)
 * or several steps (an insertion; their labels must be new).
 */
export function replaceStep(program: string, label: string, edit: (old: Step) => Step | readonly Step[]): ProgramEdit {
  return { kind: 'step', program, label, edit };
}

/** One line per edit: `program zap_pte_range` or `step zap_pte_range:pte_offset_map_lock`. */
export function describeEdit(e: ProgramEdit): string {
  return e.kind === 'program' ? `program ${e.program.name}` : `step ${e.program}:${e.label}`;
}

/** Applies the edits to `reg` in order (an unknown program or label is a ModelError); returns what each replaced. */
export function applyEdits(reg: ProgramRegistry, edits: readonly ProgramEdit[]): string[] {
  for (const e of edits) {
    if (e.kind === 'program') {
      if (!reg.has(e.program.name)) throw new ModelError(`replaceProgram: no program named ${e.program.name} (see 'mnc ops')`);
      reg.replace(e.program);
      continue;
    }
    if (!reg.has(e.program)) throw new ModelError(`replaceStep: no program named ${e.program} (see 'mnc ops')`);
    const p = reg.get(e.program);
    if (!p.index.has(e.label)) throw new ModelError(`replaceStep: ${e.program} has no step '${e.label}' (steps: ${p.steps.map((s) => s.label).join(', ')})`);
    const { index: _index, ...plain } = p;
    reg.replace({ ...plain, steps: p.steps.flatMap((s) => (s.label === e.label ? [e.edit(s)].flat() : [s])) });
  }
  return edits.map(describeEdit);
}
