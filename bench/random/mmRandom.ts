/**
 * mm-random per mutant (issue 6, model side): the scenario is drawn with the
 * schedule (model/scenario/arbitrary), the mutant applied to every drawn
 * scenario as `mnc random mm-random --mutant ID` does, and only the mutant's
 * property hunted. A control runs the correct model on the same seeds: the
 * drawn space holds known findings and model limits of its own, so a mutant
 * counts as found by mm-random only where it beats the control. For each
 * shrunk counterexample: its size and the breadth-first shortest violation
 * of the same property on that very scenario.
 */
import { bfs } from '../../src/engine/bfs.js';
import { randomCheckSpace } from '../../src/random/randomCheck.js';
import type { RandomResult } from '../../src/random/RandomResult.js';
import { STRATEGIES, type StrategyName } from '../../src/random/Schedule.js';
import { mmBuilt } from '../../src/cli/api.js';
import { mmScenarioArbitrary } from '../../model/scenario/arbitrary/mmScenarioArbitrary.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import { MM_MUTANTS } from '../../properties/mutants/mmMutants.js';
import { fmt, median } from './stats.js';

const DEPTH = 200;

function hunt(mutant: string | undefined, property: string, strategy: StrategyName, seed: number, runs: number, maxSeconds: number): RandomResult<unknown> {
  const build = (s: unknown) => {
    const b = mmBuilt(s as Scenario, { events: 'seed', overrides: [], ...(mutant !== undefined ? { mutant } : {}) });
    return { model: b.model, properties: b.properties.filter((p) => p.name === property) };
  };
  return randomCheckSpace({ arbitrary: mmScenarioArbitrary(), build }, { strategy, seed, runs, depth: DEPTH, maxSeconds });
}

const size = (s: Scenario): string =>
  `${s.mms.length}/${s.mms.flatMap((m) => m.vmas).length}/${(s.mirrors ?? []).length}/${s.threads.length}/${s.geometry.ptesPerTable * s.geometry.pmdsPerTable}`;

function shortest(s: Scenario, mutant: string, property: string): string {
  const b = mmBuilt(s, { events: 'seed', overrides: [], mutant });
  const r = bfs(
    b.model,
    b.properties.filter((p) => p.name === property),
    { maxStates: 200_000, maxSeconds: 30 },
  );
  const v = r.status === 'model-error' ? undefined : r.violations.find((x) => x.property === property);
  return v === undefined ? `none (${r.status})` : String(v.trace.path.length);
}

/** Prints the mm-random table: per mutant and strategy, mutant against control. */
export function mmRandomBench(seeds: number, maxRuns: number, maxSeconds: number): void {
  process.stdout.write(
    `\nmm-random: at most ${maxRuns} runs and ${maxSeconds} s per check, runs cut at ${DEPTH} steps, seeds 1..${seeds}; size = mms/vmas/mirrors/threads/pages of the shrunk scenario (best seed)\n\n`,
  );
  process.stdout.write(
    '| mutant (property) | strategy | found | control found | median runs | control median runs | median ms to first | shrunk size | minimised len | BFS shortest on it |\n',
  );
  process.stdout.write('|---|---|---|---|---|---|---|---|---|---|\n');
  for (const m of MM_MUTANTS) {
    if (m.expects.startsWith('reach-')) continue; // reachability guards need an exhaustive run
    for (const strategy of STRATEGIES) {
      const found: Extract<RandomResult<unknown>, { status: 'violation' }>[] = [];
      const control: number[] = [];
      for (let seed = 1; seed <= seeds; seed++) {
        const r = hunt(m.id, m.expects, strategy, seed, maxRuns, maxSeconds);
        if (r.status === 'violation') found.push(r);
        const c = hunt(undefined, m.expects, strategy, seed, maxRuns, maxSeconds);
        if (c.status === 'violation') control.push(c.runs);
      }
      const best = [...found].sort((a, b) => a.lengths.minimised - b.lengths.minimised)[0];
      const cells = [
        `${m.id} (${m.expects})`,
        strategy,
        `${found.length}/${seeds}`,
        `${control.length}/${seeds}`,
        fmt(median(found.map((r) => r.runs))),
        fmt(median(control)),
        fmt(median(found.map((r) => r.secondsToFind * 1000)), 1),
        best ? size(best.params as Scenario) : '-',
        best ? String(best.lengths.minimised) : '-',
        best ? shortest(best.params as Scenario, m.id, m.expects) : '-',
      ];
      process.stdout.write(`| ${cells.join(' | ')} |\n`);
    }
  }
}
