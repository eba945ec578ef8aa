/**
 * Random-exploration benchmark (issue 6): for each subject and strategy,
 * time and runs to the first detection (median over seeds), and the length
 * of the counterexample as found, as fast-check shrank it and as the
 * minimiser left it, next to the breadth-first shortest.
 *
 * Usage (see run.sh): node detect.js [SEEDS] [MAX_RUNS] [MAX_SECONDS] [GROUP,...]
 * MAX_SECONDS bounds each random check (search and shrinking); GROUP is one
 * of toys, kvm, mutants, mm-random (default all; mm-random: mmRandom.ts).
 */
import os from 'node:os';
import { bfs } from '../../src/engine/bfs.js';
import { dfs } from '../../src/engine/dfs.js';
import { minimiseViolation } from '../../src/shrink/minimiseTrace.js';
import { randomCheck } from '../../src/random/randomCheck.js';
import { STRATEGIES } from '../../src/random/Schedule.js';
import { GROUPS, subjects, type Group, type Subject } from './subjects.js';
import { mmRandomBench } from './mmRandom.js';
import { fmt, median } from './stats.js';

const seeds = Number(process.argv[2] ?? 7);
const maxRuns = Number(process.argv[3] ?? 100_000);
const maxSeconds = Number(process.argv[4] ?? 30);
const groups = (process.argv[5] ?? GROUPS.join(',')).split(',') as Group[];
if (!(seeds >= 1 && maxRuns >= 1 && maxSeconds > 0) || groups.some((g) => !GROUPS.includes(g))) {
  process.stderr.write(`detect: usage: detect.js [SEEDS>=1] [MAX_RUNS>=1] [MAX_SECONDS>0] [GROUP,... of ${GROUPS.join(', ')}]\n`);
  process.exit(2);
}
const all = groups.flatMap((g) => subjects(g));

function shortest(s: Subject): { steps: number | undefined; seconds: number; states: number } {
  const budget = { maxStates: 5_000_000, maxSeconds: 300 };
  let r = bfs(s.model, s.properties, budget);
  const hit = () => (r.status === 'model-error' ? undefined : r.violations.find((x) => x.property === s.expects));
  if (hit() === undefined && r.status === 'violation') r = bfs(s.model, s.properties, { ...budget, allViolations: true });
  const v = hit();
  return { steps: v?.trace.path.length, seconds: r.stats.seconds, states: r.stats.distinctStates };
}

const shortestOf = new Map<string, number | undefined>();
process.stdout.write(
  `machine: ${os.cpus()[0]?.model ?? '?'} x${os.cpus().length}, node ${process.version}; ` +
    `${seeds} seeds (1..${seeds}), at most ${maxRuns} runs and ${maxSeconds} s each; groups ${groups.join(', ')}\n\n`,
);
if (all.length > 0)
  process.stdout.write(
    '| subject | BFS shortest | strategy | found | other first | median runs | median ms to first | ' +
      'median found len | median fc-shrunk len | median minimised len | best minimised | median shrink+minimise ms |\n',
  );
if (all.length > 0) process.stdout.write('|---|---|---|---|---|---|---|---|---|---|---|---|\n');
for (const s of all) {
  const b = shortest(s);
  shortestOf.set(s.name, b.steps);
  const bfsCell = b.steps === undefined ? `none (${b.states} states)` : `${b.steps} (${b.states} states, ${b.seconds.toFixed(2)} s)`;
  for (const strategy of STRATEGIES) {
    const rows = [];
    let other = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      // Hunt the subject's property alone (as the mutant runner judges it); a deadlock still counts as other.
      const r = randomCheck(
        { model: s.model, properties: s.properties.filter((p) => p.name === s.expects) },
        { strategy, seed, runs: maxRuns, depth: s.depth, maxSeconds },
      );
      if (r.status === 'violation' && r.violation.property === s.expects) rows.push(r);
      else if (r.status === 'violation') other++;
    }
    const cells = [
      s.name,
      bfsCell,
      strategy,
      `${rows.length}/${seeds}`,
      String(other),
      fmt(median(rows.map((r) => r.runs))),
      fmt(median(rows.map((r) => r.secondsToFind * 1000)), 1),
      fmt(median(rows.map((r) => r.lengths.found))),
      fmt(median(rows.map((r) => r.lengths.shrunk))),
      fmt(median(rows.map((r) => r.lengths.minimised))),
      fmt(rows.length > 0 ? Math.min(...rows.map((r) => r.lengths.minimised)) : NaN),
      fmt(median(rows.map((r) => (r.seconds - r.secondsToFind) * 1000)), 1),
    ];
    process.stdout.write(`| ${cells.join(' | ')} |\n`);
  }
}

// Exhaustive traces minimised too: DFS finds long counterexamples; the minimiser shortens them.
if (all.length > 0) process.stdout.write('\n| subject | BFS shortest | DFS trace | DFS minimised | minimise ms |\n|---|---|---|---|---|\n');
for (const s of all) {
  const r = dfs(s.model, s.properties, { maxStates: 1_000_000, maxSeconds: 120, allViolations: true });
  const v = r.status === 'model-error' ? undefined : r.violations.find((x) => x.property === s.expects);
  if (v === undefined) {
    process.stdout.write(
      `| ${s.name} | ${shortestOf.get(s.name) ?? '-'} | none (${r.status === 'incomplete' ? `${r.reason}, ${r.stats.distinctStates} states` : r.status}) | - | - |\n`,
    );
    continue;
  }
  const t0 = performance.now();
  const m = minimiseViolation(s.model, s.properties, v);
  const ms = performance.now() - t0;
  process.stdout.write(`| ${s.name} | ${shortestOf.get(s.name) ?? '-'} | ${v.trace.path.length} | ${m.trace.path.length} | ${ms.toFixed(1)} |\n`);
}

if (groups.includes('mm-random')) mmRandomBench(seeds, maxRuns, maxSeconds);
