import { InvalidArgumentError } from 'commander';
import type { Register } from './Register.js';
import { UsageError } from '../UsageError.js';
import { writeAtomic } from '../../util/writeAtomic.js';
import { checkOutputPaths } from '../checkOutputPaths.js';
import { LateWrites } from '../LateWrites.js';
import { EXIT } from '../../engine/ExploreResult.js';
import { randomExitCode, worseExitCode } from '../../random/randomExitCode.js';
import { type RandomOptions } from '../../random/randomCheck.js';
import { STRATEGIES, type StrategyName } from '../../random/Schedule.js';
import { writeCounterexample } from '../../replay/counterexampleFile.js';
import { toCounterexample } from '../../replay/Counterexample.js';
import { readableErrorTrace, readableTrace } from '../../report/TraceStep.js';
import { modelErrorJson } from '../exploreJson.js';
import { formatModelError, formatViolation } from '../../report/formatResult.js';
import { integerIn } from '../integerIn.js';
import { positiveNumber } from '../positiveNumber.js';
import { inapplicableRandomFlags } from '../inapplicableRandomFlags.js';

import type { Params, RandomFlags as Flags } from '../RandomJob.js';
import { needsScenarioFile, randomJobs, scenarioFileOf } from '../randomJobs.js';
import { runRandomJob } from '../runRandomJob.js';
import { replayCommand, titleOf } from '../randomReplayCommand.js';

/** A fast-check replay path: counters separated by colons, as printed by a failure. */
const fcPath = (v: string) => {
  if (!/^\d+(:\d+)*$/.test(v)) throw new InvalidArgumentError('expected a fast-check path such as 0:3:1');
  return v;
};

/** `mnc random [SCENARIO|--all]`: randomized runs with fast-check; a failure is shrunk, minimised, printed and saved. */
export const registerRandom: Register = (program, setExit) => {
  program
    .command('random')
    .description('random schedules (uniform, PCT or swarm) with fast-check; failures shrink to a small trace')
    .argument('[scenario]', 'a built-in or site scenario (see `mnc scenarios`)')
    .option('--all', 'every built-in scenario (default parameters and variant), then every site scenario of mnc check')
    .option('--scenario <file>', 'a scenario file (JSON, or a .js/.ts module)')
    .option('--seed <n>', 'fast-check seed (default: drawn, and printed)', integerIn(0, 0x7fffffff))
    .option('--runs <n>', 'random runs', integerIn(1, 1e9), 1000)
    .option('--strategy <name>', `one of ${STRATEGIES.join(', ')}`, 'uniform')
    .option('--depth <n>', 'most steps of a run', integerIn(1, 1e7), 500)
    .option('--pct-depth <d>', 'PCT bug depth: d - 1 priority change points', integerIn(1, 1000))
    .option('--set <NAME=VALUE>', 'set a scenario parameter (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--variant <name>', 'a scenario variant (e.g. nocount)')
    .option('--vary-params', 'draw each parameter from its minimum up to its value, per run (shrinks to smaller scenarios)')
    .option('--path <path>', 'replay the fast-check path printed by an earlier failure (with its seed)', fcPath)
    .option('--out <file>', 'save the counterexample here (JSON, for `mnc replay`)')
    .option('--max-seconds <n>', 'stop starting runs after n seconds, fractions allowed (exit 3 when nothing was found)', positiveNumber)
    .option('--property <name>', 'check only this property (repeatable; deadlock is always checked)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--no-minimise', 'skip the delta-debugging minimiser after fast-check shrinking')
    .option('--events <profile>', 'mm scenarios: event profile, seed (the patch) or v5.2 (the merged events)', 'seed')
    .option(
      '--override <SITE:KEY=VALUE,...>',
      "mm scenarios: replace a site's event, vma, range start or end (repeatable; keys event, vma, start, end)",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--mutant <id>', 'mm scenarios: apply a deliberate bug (mnc mutants --list); alone, run it on its baseline scenario')
    .option('--past-known', 'drawn scenarios: count violations that are known findings (FINDINGS.md) and go on; stop at a new one')
    .option('--json', 'print one JSON object')
    .action(async (name: string | undefined, flags: Flags) => {
      if (!STRATEGIES.includes(flags.strategy as StrategyName)) {
        throw new UsageError(`--strategy ${flags.strategy}: expected one of ${STRATEGIES.join(', ')}`);
      }
      const jobs = await randomJobs(name, flags);
      if (flags.out !== undefined && flags.all) throw new UsageError('--out needs a single scenario, not --all');
      if (flags.path !== undefined && flags.all) throw new UsageError('--path needs a single scenario, not --all');
      for (const line of inapplicableRandomFlags(flags.strategy as StrategyName, flags.pctDepth)) process.stderr.write(`${line}\n`);
      const late = new LateWrites();
      if (flags.out !== undefined) {
        checkOutputPaths(
          [
            { flag: '--out', path: flags.out },
            { flag: '--out (its scenario file)', path: scenarioFileOf(flags.out) },
          ],
          [flags.scenario],
        );
      }
      const seed = flags.seed ?? Math.floor(Math.random() * 0x7fffffff);
      const options: RandomOptions = {
        strategy: flags.strategy as StrategyName,
        seed,
        runs: flags.runs,
        depth: flags.depth,
        minimise: flags.minimise,
        ...(flags.maxSeconds !== undefined ? { maxSeconds: flags.maxSeconds } : {}),
        ...(flags.pctDepth !== undefined ? { pctDepth: flags.pctDepth } : {}),
        ...(flags.path !== undefined ? { path: flags.path } : {}),
      };
      if (!flags.json) process.stdout.write(`random: strategy ${options.strategy}, seed ${seed}, ${options.runs} runs, depth ${options.depth}\n`);
      const reports: Record<string, unknown>[] = [];
      let code: number = EXIT.ok;
      const tally = { ok: 0, incomplete: 0, known: 0, violation: 0, modelError: 0 };
      for (const job of jobs) {
        const { result, built, drawn } = runRandomJob(job, options, !!flags.varyParams, flags.property, !!flags.pastKnown);
        const params = (drawn || result.status === 'ok' ? undefined : (result.params as Params | undefined)) ?? job.params;
        const again = `${replayCommand(job, flags, seed)} --path ${result.status === 'ok' ? '' : result.path}`;
        const failed = result.status === 'ok' ? undefined : built(result.params);
        const trace = result.status === 'violation' ? readableTrace(failed!.model, result.violation.trace) : undefined;
        const errorTrace = result.status === 'model-error' ? readableErrorTrace(failed!.model, result.trace, result.action) : undefined;
        const expectedFinding =
          result.status === 'violation' &&
          failed?.expected === 'violation' &&
          (failed.expectedProperty === undefined || failed.expectedProperty === result.violation.property);
        // As mnc check: a violation the scenario states (a known finding) is what it should do, not a failure.
        code = worseExitCode(code, expectedFinding ? EXIT.ok : randomExitCode(result));
        tally[
          expectedFinding
            ? 'known'
            : result.status === 'ok'
              ? result.interrupted
                ? 'incomplete'
                : 'ok'
              : result.status === 'violation'
                ? 'violation'
                : 'modelError'
        ]++;
        let scenarioFile = job.file;
        let saved = false;
        if (result.status === 'violation' && flags.out !== undefined) {
          const origin = { by: 'random', strategy: options.strategy, seed, path: result.path };
          const savedParams = { params, ...(job.variant ? { variant: job.variant } : {}) };
          if (needsScenarioFile(job, drawn)) {
            // A drawn or reconfigured mm scenario: saved beside the counterexample, which names it.
            scenarioFile = scenarioFileOf(flags.out);
            const text = JSON.stringify(failed!.scenario, null, 2) + '\n';
            late.write(scenarioFile, () => writeAtomic(scenarioFile!, text));
          }
          const found = toCounterexample(job.entry.name, savedParams, result.violation, result.steps, origin);
          // the mm options it was found with: replay rebuilds the model from them when no scenario file carries them
          const m = job.mm;
          const cex =
            m !== undefined && (m.events !== 'seed' || m.overrides.length > 0 || m.mutant !== undefined)
              ? { ...found, mm: { events: m.events, overrides: flags.override, ...(m.mutant !== undefined ? { mutant: m.mutant } : {}) } }
              : found;
          saved = !late.failed && late.write(flags.out, () => writeCounterexample(flags.out!, scenarioFile !== undefined ? { ...cex, scenarioFile } : cex));
        } else if (flags.out !== undefined) late.remove(flags.out); // no counterexample: an earlier run's must not be taken for this run's
        reports.push({
          scenario: job.entry.name,
          params,
          ...(job.variant ? { variant: job.variant } : {}),
          ...(job.mm !== undefined
            ? { events: job.mm.events, overrides: flags.override, ...(job.mm.mutant !== undefined ? { mutant: job.mm.mutant } : {}) }
            : {}),
          ...(drawn && result.status !== 'ok' ? { drawn: result.params } : {}),
          ...(expectedFinding ? { expected: true } : {}),
          status: result.status,
          interrupted: result.interrupted,
          runs: result.runs,
          ...(flags.pastKnown ? { known: result.known } : {}),
          transitions: result.transitions,
          seconds: Number(result.seconds.toFixed(3)),
          ...(result.status !== 'ok' ? { path: result.path, replay: again } : {}),
          ...(result.status === 'violation'
            ? {
                property: result.violation.property,
                kind: result.violation.kind,
                message: result.violation.message,
                lengths: result.lengths,
                shrinks: result.shrinks,
                trace: trace!.steps,
              }
            : {}),
          ...(result.status === 'model-error' ? modelErrorJson(result.message, errorTrace) : {}),
          ...(saved ? { saved: flags.out, ...(scenarioFile !== undefined ? { scenarioFile } : {}) } : {}),
        });
        if (flags.json) continue;
        const stopped = result.interrupted ? `, stopped by --max-seconds` : '';
        const verdict =
          result.status === 'ok' ? `no violation in ${result.runs} runs${stopped} (not a proof)` : result.status === 'violation' ? 'violation' : 'model error';
        const out = [`${titleOf(job.entry.name, params, job.variant, job.mm)}: ${verdict} (${result.transitions} transitions, ${result.seconds.toFixed(2)} s)`];
        const passed = Object.entries(result.known).map(([id, n]) => `${id} x${n}`);
        if (flags.pastKnown) out.push(`  known findings gone past: ${passed.join(', ') || 'none'}`);
        if (result.status !== 'ok') out.push(`  after ${result.runs} run${result.runs === 1 ? '' : 's'}; replay the shrunk schedule with: ${again}`);
        if (result.status === 'model-error') out.push(formatModelError(result.message, errorTrace));
        if (result.status === 'violation') {
          const l = result.lengths;
          out.push(`  found in ${l.found} steps, fast-check shrank it to ${l.shrunk} (${result.shrinks} shrinks), minimised to ${l.minimised}`);
          if (expectedFinding) out.push(`  expected: the scenario states this violation (a known finding)`);
          if (drawn) out.push(`  drawn scenario (shrunk): ${JSON.stringify(result.params)}`);
          out.push(formatViolation(result.violation, trace));
          if (saved) out.push(`saved to ${flags.out} (replay: mnc replay ${flags.out})`);
        }
        process.stdout.write(out.join('\n') + '\n');
      }
      if (flags.json)
        process.stdout.write(
          JSON.stringify({ strategy: options.strategy, seed, runs: options.runs, depth: options.depth, results: reports, summary: tally }, null, 2) + '\n',
        );
      else if (jobs.length > 1) {
        const parts = [
          `${tally.ok} no violation`,
          `${tally.known} known finding${tally.known === 1 ? '' : 's'}`,
          `${tally.violation} unexpected violation${tally.violation === 1 ? '' : 's'}`,
        ];
        if (tally.incomplete > 0) parts.push(`${tally.incomplete} stopped by --max-seconds`);
        if (tally.modelError > 0) parts.push(`${tally.modelError} model error${tally.modelError === 1 ? '' : 's'}`);
        process.stdout.write(`random: ${jobs.length} scenarios, seed ${seed}: ${parts.join(', ')}: ${code === EXIT.ok ? 'PASS' : 'FAIL'}\n`);
      }
      setExit(late.finish(code));
    });
};
