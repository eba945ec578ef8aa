/**
 * Step coverage in text and in bits (`mnc check --coverage`, `mnc sweep
 * --coverage`): what SPIN prints as "unreached in proctype", per program of
 * the model: the steps no run executed, and the programs no run called. The
 * data is the model's (model/mm/step/stepCoverage.ts), read here by its
 * shape, and so are the steps the model declares no scenario can run
 * (model/mm/step/unreachableSteps.ts), reported apart from the unexpected.
 */

/** A step of a program, whether a run executed it. */
export interface CoverageStep {
  readonly prog: string;
  readonly label: string;
  /** The kernel `file:function` the step models. */
  readonly at: string;
  readonly run: boolean;
}

/** A step's identity: its program and label. */
const keyOf = (s: { readonly prog: string; readonly label: string }): string => `${s.prog}\u0000${s.label}`;

/** The union of runs over the same steps or not: a step is listed if any run knows it, run if any run ran it. */
export function mergeCoverage(runs: readonly (readonly CoverageStep[])[]): CoverageStep[] {
  const by = new Map<string, CoverageStep>();
  for (const steps of runs) {
    for (const s of steps) {
      const k = keyOf(s);
      const had = by.get(k);
      if (had === undefined || (!had.run && s.run)) by.set(k, s);
    }
  }
  return [...by.values()];
}

/** Which of a list of steps ran, as bits (base64; bit i of byte i >> 3: step i): a sweep record's `steps`. */
export function coverageBits(steps: readonly CoverageStep[]): string {
  const bytes = new Uint8Array((steps.length + 7) >> 3);
  steps.forEach((s, i) => {
    if (s.run) bytes[i >> 3]! |= 1 << (i & 7);
  });
  return Buffer.from(bytes).toString('base64');
}

/** `steps` with `run` set where any of `bits` (coverageBits over the same list) says so. */
export function coverageOfBits(steps: readonly CoverageStep[], bits: readonly string[]): CoverageStep[] {
  const any = new Uint8Array((steps.length + 7) >> 3);
  for (const b of bits) Buffer.from(b, 'base64').forEach((x, i) => (any[i] = (any[i] ?? 0) | x));
  return steps.map((s, i) => ({ ...s, run: ((any[i >> 3] ?? 0) >> (i & 7)) & 1 ? true : false }));
}

/** A step the model declares no scenario can run (program name, label), and why. */
export interface KnownUnrun {
  readonly prog: string;
  readonly label: string;
  readonly why: string;
}

/**
 * The numbers of a coverage: a program is called when one of its steps ran.
 * A called program's step no run ran is in `unrun`, or in `unreachable`
 * when the model declares it so; a declared step that ran is in
 * `declaredButRun` (the declaration is stale).
 */
export interface CoverageSummary {
  readonly programs: number;
  readonly calledPrograms: number;
  /** Steps of the called programs, and how many of them ran. */
  readonly steps: number;
  readonly runSteps: number;
  /** `program: label (file:function)` of each step never run and not declared unreachable, in step order. */
  readonly unrun: readonly string[];
  /** `program: label (file:function): why` of each step never run that is declared unreachable. */
  readonly unreachable: readonly string[];
  /** `program: label (file:function)` of each step declared unreachable that ran. */
  readonly declaredButRun: readonly string[];
  readonly neverCalled: readonly string[];
}

const named = (s: CoverageStep): string => `${s.prog}: ${s.label} (${s.at})`;

export function coverageSummary(steps: readonly CoverageStep[], known: readonly KnownUnrun[] = []): CoverageSummary {
  const why = new Map(known.map((k) => [keyOf(k), k.why]));
  const called = new Set(steps.filter((s) => s.run).map((s) => s.prog));
  const programs = [...new Set(steps.map((s) => s.prog))];
  const mine = steps.filter((s) => called.has(s.prog));
  const never = mine.filter((s) => !s.run);
  return {
    programs: programs.length,
    calledPrograms: called.size,
    steps: mine.length,
    runSteps: mine.length - never.length,
    unrun: never.filter((s) => !why.has(keyOf(s))).map(named),
    unreachable: never.flatMap((s) => (why.has(keyOf(s)) ? [`${named(s)}: ${why.get(keyOf(s))}`] : [])),
    declaredButRun: steps.filter((s) => s.run && why.has(keyOf(s))).map(named),
    neverCalled: programs.filter((p) => !called.has(p)),
  };
}

/**
 * How many runs (check rows, sweep records) ended before their state space did: at a model error or the budget, or
 * at a violation or deadlock unless they were explored to the end (`--all-violations`). Theirs is partial coverage.
 */
export function stoppedEarly(runs: readonly { readonly status: string }[], allViolations: boolean): number {
  return runs.filter(
    (r) => r.status === 'incomplete' || r.status === 'model-error' || (!allViolations && (r.status === 'violation' || r.status === 'deadlock')),
  ).length;
}

const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)} %`);

/** The summary line of a coverage (its numbers), with the runs that stopped early when some did. */
export function coverageLine(c: CoverageSummary, stopped = 0): string {
  const early =
    stopped > 0
      ? ` (${stopped} runs stopped early, at a violation, a budget or a model error: theirs is the coverage of the states explored before; --all-violations explores a violated one to its end)`
      : '';
  const declared = c.unreachable.length > 0 ? `; ${c.unrun.length} never run unexpectedly, ${c.unreachable.length} declared unreachable` : '';
  return `step coverage: ${c.calledPrograms} of ${c.programs} programs called; ${c.runSteps} of their ${c.steps} steps run (${pct(c.runSteps, c.steps)})${declared}${early}`;
}

/**
 * The report: a summary line, the steps never run of the programs called
 * (those declared unreachable, in `known`, apart and with their reason; a
 * declared one that ran, as stale), and the programs never called.
 * `stopped`: how many runs ended before their state space did (at a
 * violation, a budget, a model error), whose coverage is of what they
 * explored.
 */
export function coverageReport(steps: readonly CoverageStep[], stopped = 0, known: readonly KnownUnrun[] = []): string {
  const c = coverageSummary(steps, known);
  const lines = [coverageLine(c, stopped)];
  if (c.unrun.length > 0) {
    lines.push(`steps never run (${c.unrun.length}), program: step (kernel function):`);
    for (const u of c.unrun) lines.push(`  ${u}`);
  }
  if (c.unreachable.length > 0) {
    lines.push(`steps declared unreachable, never run (${c.unreachable.length}):`);
    for (const u of c.unreachable) lines.push(`  ${u}`);
  }
  if (c.declaredButRun.length > 0) {
    lines.push(`steps declared unreachable that ran (${c.declaredButRun.length}; the declaration is stale):`);
    for (const u of c.declaredButRun) lines.push(`  ${u}`);
  }
  if (c.neverCalled.length > 0) lines.push(`programs never called (${c.neverCalled.length}): ${c.neverCalled.join(', ')}`);
  return lines.join('\n');
}
