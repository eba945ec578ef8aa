/**
 * Step coverage in text and in bits (`mnc check --coverage`, `mnc sweep
 * --coverage`): what SPIN prints as "unreached in proctype", per program of
 * the model: the steps no run executed, and the programs no run called. The
 * data is the model's (model/mm/step/stepCoverage.ts), read here by its
 * shape.
 */

/** A step of a program, whether a run executed it. */
export interface CoverageStep {
  readonly prog: string;
  readonly label: string;
  /** The kernel `file:function` the step models. */
  readonly at: string;
  readonly run: boolean;
}

/** The union of runs over the same steps or not: a step is listed if any run knows it, run if any run ran it. */
export function mergeCoverage(runs: readonly (readonly CoverageStep[])[]): CoverageStep[] {
  const by = new Map<string, CoverageStep>();
  for (const steps of runs) {
    for (const s of steps) {
      const k = `${s.prog}\u0000${s.label}`;
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

const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)} %`);

/**
 * The report: a summary line, the steps never run of the programs called,
 * and the programs never called. `stopped`: how many runs ended before
 * their state space did (at a violation, a budget, a model error), whose
 * coverage is of what they explored.
 */
export function coverageReport(steps: readonly CoverageStep[], stopped = 0): string {
  const called = new Set(steps.filter((s) => s.run).map((s) => s.prog));
  const programs = new Set(steps.map((s) => s.prog));
  const mine = steps.filter((s) => called.has(s.prog));
  const unrun = mine.filter((s) => !s.run);
  const early =
    stopped > 0
      ? ` (${stopped} runs stopped early, at a violation, a budget or a model error: theirs is the coverage of the states explored before; --all-violations explores a violated one to its end)`
      : '';
  const lines = [
    `step coverage: ${called.size} of ${programs.size} programs called; ${mine.length - unrun.length} of their ${mine.length} steps run (${pct(mine.length - unrun.length, mine.length)})${early}`,
  ];
  if (unrun.length > 0) {
    lines.push(`steps never run (${unrun.length}), program: step (kernel function):`);
    for (const s of unrun) lines.push(`  ${s.prog}: ${s.label} (${s.at})`);
  }
  const never = [...programs].filter((p) => !called.has(p));
  if (never.length > 0) lines.push(`programs never called (${never.length}): ${never.join(', ')}`);
  return lines.join('\n');
}
