import { ModelError } from '../../../src/engine/Model.js';
import type { CompiledProgram, Program, Step } from './Program.js';
import type { Locals } from '../MmState.js';
import { shapeCopier } from './literalCopier.js';
import { DONE } from './Program.js';

/** Programs by name (operations, subroutines, mirror callbacks and fault threads). */
export class ProgramRegistry {
  private readonly programs = new Map<string, CompiledProgram>();
  private replacedAny = false;

  /**
   * True once a program was replaced: the kernel's programs as modelled no
   * longer run as such (the partial-order reduction then trusts no claim about
   * what an operation touches: model/mm/footprint/threadFuture.ts).
   */
  get edited(): boolean {
    return this.replacedAny;
  }

  /** `edited`: some of `programs` replace the modelled ones (a mutant's registry built whole). */
  constructor(programs: readonly Program[] = [], edited = false) {
    for (const p of programs) this.add(p);
    this.replacedAny = edited;
  }

  /** Adds a program; a duplicate name or label is a ModelError. */
  add(p: Program): this {
    if (this.programs.has(p.name)) throw new ModelError(`program ${p.name} registered twice`);
    this.programs.set(p.name, compile(p));
    return this;
  }

  /** Replaces a registered program (a mutant, a scenario's variant); unknown names are a ModelError. */
  replace(p: Program): this {
    if (!this.programs.has(p.name)) throw new ModelError(`cannot replace ${p.name}: not registered`);
    this.programs.delete(p.name);
    this.replacedAny = true;
    return this.add(p);
  }

  has(name: string): boolean {
    return this.programs.has(name);
  }

  get(name: string): CompiledProgram {
    const p = this.programs.get(name);
    if (!p) throw new ModelError(`no program named ${name} (not modelled or not registered)`);
    return p;
  }

  names(): string[] {
    return [...this.programs.keys()];
  }
}

/**
 * Step `s` as a literal with every field of Step, in Step's order (absent
 * ones undefined): the step constructors (defineProgram's spreads, lockStep,
 * sectionStep, ...) made the built-in programs' 584 steps of seven key sets,
 * so at least seven V8 hidden classes, more than an inline cache keeps: on
 * every transition runStep's reads of `run`, `guard`, `outcomes` and `local`
 * were megamorphic (`node --log-ic`). The compiled program (two key sets:
 * with and without `params`) is one literal for the same reason.
 */
const oneShape = (s: Step): Step => ({
  label: s.label,
  at: s.at,
  guard: s.guard,
  outcomes: s.outcomes,
  describe: s.describe,
  local: s.local,
  section: s.section,
  run: s.run,
});

/**
 * Programs compiled once (their label index, their checks): a registry is
 * built for every model (mnc check builds 233), from the same program
 * objects, which never change once defined (defineProgram; a mutant's or an
 * edit's program is a new object).
 */
const compiled = new WeakMap<Program, CompiledProgram>();

function compile(p: Program): CompiledProgram {
  const hit = compiled.get(p);
  if (hit) return hit;
  if (p.steps.length === 0) throw new ModelError(`program ${p.name} has no steps`);
  const index = new Map<string, number>();
  p.steps.forEach((s, i) => {
    if (index.has(s.label) || s.label === DONE) throw new ModelError(`program ${p.name}: duplicate label ${s.label}`);
    index.set(s.label, i);
    // issue 11 / review P7: a local step's enabledness would read shared state (a guard) or
    // vary (an outcome count), so it could not be chained (runStep) or reduced (the POR) as local
    if (s.local === true && (s.guard !== undefined || typeof s.outcomes === 'function' || (s.outcomes ?? 1) !== 1)) {
      throw new ModelError(`program ${p.name}: step ${s.label} is marked local but has a guard or outcomes (drop \`local\`)`);
    }
  });
  const c: CompiledProgram = { name: p.name, locals: p.locals, params: p.params, steps: p.steps.map(oneShape), index, copyLocals: shapeCopier<Locals>() };
  compiled.set(p, c);
  return c;
}
