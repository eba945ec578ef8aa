import fc from 'fast-check';
import { InvalidArgumentError } from 'commander';
import type { Register } from './Register.js';
import { findScenario, mutantBaselineEntry, scenarioRegistry, siteScenarioEntries } from '../scenarios.js';
import { parseSets } from '../parseSets.js';
import { parseOverride } from '../parseOverride.js';
import { resolveMutant } from './mutants.js';
import { UsageError } from '../UsageError.js';
import type { BuildOptions, Built, MmBuildOptions, ScenarioEntry } from '../ScenarioEntry.js';
import { writeAtomic } from '../../util/writeAtomic.js';
import { checkOutputPaths } from '../checkOutputPaths.js';
import { LateWrites } from '../LateWrites.js';
import { EXIT, type Violation } from '../../engine/ExploreResult.js';
import { randomExitCode, worseExitCode } from '../../random/randomExitCode.js';
import { randomCheck, randomCheckSpace, type RandomOptions } from '../../random/randomCheck.js';
import type { RandomResult } from '../../random/RandomResult.js';
import { STRATEGIES, type StrategyName } from '../../random/Schedule.js';
import { writeCounterexample } from '../../replay/counterexampleFile.js';
import { toCounterexample } from '../../replay/Counterexample.js';
import { readableErrorTrace, readableTrace } from '../../report/TraceStep.js';
import { modelErrorJson } from '../exploreJson.js';
import { formatModelError, formatViolation } from '../../report/formatResult.js';
import { triageViolation } from '../triageViolation.js';
import { integerIn } from '../integerIn.js';

interface Flags {
  all?: boolean;
  scenario?: string;
  seed?: number;
  runs: number;
  strategy: string;
  depth: number;
  pctDepth?: number;
  set: string[];
  variant?: string;
  varyParams?: boolean;
  path?: string;
  out?: string;
  minimise: boolean;
  maxSeconds?: number;
  property: string[];
  events: string;
  override: string[];
  mutant?: string;
  json?: boolean;
  pastKnown?: boolean;
}

/** One scenario to run: its entry, the parameters (upper bounds with --vary-params) and the variant. */
interface Job {
  readonly entry: ScenarioEntry;
  readonly params: Record<string, number>;
  readonly variant?: string;
  /** The scenario file it came from (`--scenario`), if any. */
  readonly file?: string;
  /** For mm-model entries: event profile, overrides, mutant. */
  readonly mm?: MmBuildOptions;
  /** Not addressable by name (a mutant's baseline): `--out` saves the scenario file. */
  readonly unnamed?: boolean;
}

type Params = Record<string, number>;

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
    .option('--max-seconds <n>', 'stop starting runs after n seconds (exit 3 when nothing was found)', integerIn(1, 1e7))
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
      const jobs = await jobsOf(name, flags);
      if (flags.out !== undefined && flags.all) throw new UsageError('--out needs a single scenario, not --all');
      if (flags.path !== undefined && flags.all) throw new UsageError('--path needs a single scenario, not --all');
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
        const { result, built, drawn } = run(job, options, !!flags.varyParams, flags.property, !!flags.pastKnown);
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
        }
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

/** Where `--out FILE` saves a drawn or reconfigured scenario, beside the counterexample that names it. */
function scenarioFileOf(out: string): string {
  return out.replace(/(\.json)?$/, '.scenario.json');
}

/** The mm options of the command line, or undefined when it gives none. */
function mmOptionsOf(flags: Flags): MmBuildOptions | undefined {
  if (flags.events !== 'seed' && flags.events !== 'v5.2') throw new UsageError(`--events ${flags.events}: expected seed or v5.2`);
  const overrides = flags.override.map(parseOverride);
  const mutant = flags.mutant === undefined ? undefined : resolveMutant(flags.mutant).id;
  if (flags.events === 'seed' && overrides.length === 0 && mutant === undefined) return undefined;
  return { events: flags.events, overrides, ...(mutant !== undefined ? { mutant } : {}) };
}

const DEFAULT_MM: MmBuildOptions = { events: 'seed', overrides: [] };

async function jobsOf(name: string | undefined, flags: Flags): Promise<Job[]> {
  const mm = mmOptionsOf(flags);
  if (
    flags.out !== undefined &&
    mm?.mutant !== undefined &&
    resolveMutant(mm.mutant).programs !== undefined &&
    name !== undefined &&
    findScenario(name).space !== undefined
  ) {
    throw new UsageError(
      `--out with --mutant ${mm.mutant}: it rewrites programs, which the saved drawn scenario cannot carry (mnc replay would run the correct model)`,
    );
  }
  const mmJob = (entry: ScenarioEntry, extra: Partial<Job> = {}): Job => ({
    entry,
    params: parseSets(entry.name, entry.params, []),
    mm: mm ?? DEFAULT_MM,
    ...extra,
  });
  if (flags.scenario !== undefined) {
    if (name !== undefined || flags.all) throw new UsageError('give a scenario name, --scenario FILE or --all, not several');
    if (
      mm !== undefined &&
      flags.out !== undefined &&
      (!flags.scenario.endsWith('.json') || (mm.mutant !== undefined && resolveMutant(mm.mutant).programs !== undefined))
    ) {
      throw new UsageError(
        `--out with --events, --override or --mutant on ${flags.scenario}: the saved scenario file cannot carry programs (a module's, or a mutant's); use a JSON scenario and a mutant of the scenario data`,
      );
    }
    const { loadScenarioEntry } = await import('../loadScenarioEntry.js');
    const entry = await loadScenarioEntry(flags.scenario);
    return [{ entry, params: parseSets(entry.name, entry.params, flags.set), file: flags.scenario, ...(mm !== undefined ? { mm } : {}) }];
  }
  if (flags.all) {
    if (name !== undefined) throw new UsageError('give a scenario name or --all, not both');
    if (flags.set.length > 0 || flags.variant !== undefined) throw new UsageError('--set and --variant need a single scenario, not --all');
    // The built-in scenarios, then every site scenario; with mm options only those built on the mm model.
    const all = [...scenarioRegistry(), ...siteScenarioEntries()];
    return all.filter((e) => mm === undefined || e.mm).map((entry) => (entry.mm ? mmJob(entry) : { entry, params: parseSets(entry.name, entry.params, []) }));
  }
  if (name === undefined) {
    if (mm?.mutant !== undefined) return [mmJob(mutantBaselineEntry(mm.mutant), { params: parseSets(name ?? 'baseline', [], flags.set), unnamed: true })];
    throw new UsageError('random: name a scenario, or give --scenario FILE or --all (or --mutant ID alone: its baseline)');
  }
  const entry = findScenario(name);
  if (flags.variant !== undefined && !entry.variants.includes(flags.variant)) {
    throw new UsageError(`--variant ${flags.variant}: ${name} has variants ${entry.variants.join(', ') || 'none'}`);
  }
  if (mm !== undefined && !entry.mm) throw new UsageError(`--events, --override and --mutant take an mm-model scenario; ${name} is not one`);
  const params = parseSets(name, entry.params, flags.set);
  return [{ entry, params, ...(flags.variant ? { variant: flags.variant } : {}), ...(entry.mm ? { mm: mm ?? DEFAULT_MM } : {}) }];
}

/** Whether `--out` must save the scenario as a file: drawn, reconfigured (events, overrides, a mutant of the scenario data) or not addressable by name. */
function needsScenarioFile(job: Job, drawn: boolean): boolean {
  const m = job.mm;
  // a mutant that rewrites programs cannot be a file: the counterexample's mm options rebuild it by name (or its baseline)
  if (!drawn && m?.mutant !== undefined && resolveMutant(m.mutant).programs !== undefined) return false;
  return drawn || job.unnamed === true || (m !== undefined && (m.events !== 'seed' || m.overrides.length > 0 || m.mutant !== undefined));
}

/** Runs one job: with fixed parameters, with each drawn from its minimum up to the given value, or with the scenario drawn (entries with a space). */
function run(
  job: Job,
  options: RandomOptions,
  vary: boolean,
  only: readonly string[],
  pastKnown: boolean,
): { result: RandomResult<unknown>; built: (p: unknown) => Built; drawn: boolean } {
  const keep = (b: Built): Built => {
    if (only.length === 0) return b;
    const unknown = only.find((n) => !b.properties.some((q) => q.name === n));
    if (unknown !== undefined) throw new UsageError(`--property ${unknown}: ${job.entry.name} has properties ${b.properties.map((q) => q.name).join(', ')}`);
    return { ...b, properties: b.properties.filter((q) => only.includes(q.name)) };
  };
  const opts = (p: Params | undefined): BuildOptions => ({
    params: p ?? job.params,
    ...(job.variant ? { variant: job.variant } : {}),
    ...(job.mm ? { mm: job.mm } : {}),
  });
  if (job.entry.space !== undefined) {
    const space = job.entry.space(opts(undefined));
    keep(job.entry.build(opts(undefined))); // --property names checked before the runs
    const build = (d: unknown) => keep(space.build(d));
    const triage = pastKnown ? { triage: (d: unknown, v: Violation) => triageViolation(build(d), v) } : {};
    return { result: randomCheckSpace<unknown, unknown, unknown>({ arbitrary: space.arbitrary, build, ...triage }, options), built: build, drawn: true };
  }
  const build = (p: Params | undefined): Built => keep(job.entry.build(opts(p)));
  if (!vary) {
    const fixed = build(undefined);
    return { result: randomCheck(fixed, options), built: () => fixed, drawn: false };
  }
  const ranges = Object.fromEntries(job.entry.params.map((s) => [s.name, fc.integer({ min: s.min, max: Math.max(s.min, job.params[s.name] ?? s.default) })]));
  return {
    result: randomCheckSpace<Params | undefined, unknown, unknown>({ arbitrary: fc.record(ranges), build }, options),
    built: (p) => build(p as Params | undefined),
    drawn: false,
  };
}

/** The command line that repeats a job's run (add `--path` to go straight to the shrunk failure). */
function replayCommand(job: Job, flags: Flags, seed: number): string {
  const sets = Object.entries(job.params).map(([k, v]) => `--set ${k}=${v}`);
  const more = [
    ...(job.variant ? [`--variant ${job.variant}`] : []),
    ...(flags.varyParams ? ['--vary-params'] : []),
    ...(flags.pastKnown ? ['--past-known'] : []),
  ];
  const mm =
    job.mm === undefined
      ? []
      : [
          ...(job.mm.events !== 'seed' ? [`--events ${job.mm.events}`] : []),
          ...flags.override.map((o) => `--override ${o}`),
          ...(job.mm.mutant !== undefined ? [`--mutant ${job.mm.mutant}`] : []),
        ];
  const pct = [...(flags.pctDepth !== undefined ? [`--pct-depth ${flags.pctDepth}`] : []), ...flags.property.map((p) => `--property ${p}`)];
  const what = job.file !== undefined ? [`--scenario ${job.file}`] : job.unnamed ? [] : [job.entry.name];
  return [
    'mnc random',
    ...what,
    ...sets,
    ...more,
    ...mm,
    `--strategy ${flags.strategy} --seed ${seed} --runs ${flags.runs} --depth ${flags.depth}`,
    ...pct,
  ].join(' ');
}

function titleOf(name: string, params: Params, variant: string | undefined, mm: MmBuildOptions | undefined): string {
  const m =
    mm === undefined
      ? []
      : [
          ...(mm.events !== 'seed' ? [`events ${mm.events}`] : []),
          ...mm.overrides.map((o) => `override #${o.site}`),
          ...(mm.mutant !== undefined ? [`mutant ${mm.mutant}`] : []),
        ];
  return [name, ...Object.entries(params).map(([k, v]) => `${k}=${v}`), ...(variant ? [variant] : []), ...m].join(' ');
}
