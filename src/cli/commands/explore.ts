import type { Register } from './Register.js';
import { findScenario } from '../scenarios.js';
import { parseSets } from '../parseSets.js';
import { UsageError } from '../UsageError.js';
import { runExploration, type Explored } from '../runExploration.js';
import { NondeterminismError } from '../../engine/replay.js';
import { exploreJson } from '../exploreJson.js';
import { exitCodeOf } from '../exitCodeOf.js';
import { exploreOptions, type BudgetFlags } from '../exploreOptions.js';
import { formatModelError, formatSummary, formatViolation } from '../../report/formatResult.js';
import type { Built } from '../ScenarioEntry.js';
import { toCounterexample } from '../../replay/Counterexample.js';
import { writeCounterexample } from '../../replay/counterexampleFile.js';
import { toNamedSteps } from '../../replay/NamedStep.js';
import { toItf } from '../../report/toItf.js';
import { writeAtomic } from '../../util/writeAtomic.js';
import { checkOutputPaths } from '../checkOutputPaths.js';
import { LateWrites } from '../LateWrites.js';
import { mmOptions, type MmFlags } from '../mmOptions.js';
import { expectationLines } from '../expectationLines.js';
import { matchesExpected } from '../matchesExpected.js';
import { inapplicableFlags } from '../inapplicableFlags.js';

interface Flags extends BudgetFlags, MmFlags {
  set: string[];
  variant?: string;
  scenario?: string;
  dfs?: boolean;
  json?: boolean;
  minimise: boolean;
  out?: string;
  itf?: string;
}

/** `mnc explore NAME|--scenario FILE`: one exhaustive run, summary and counterexample. */
export const registerExplore: Register = (program, setExit) => {
  const cmd = program
    .command('explore')
    .description('explore a scenario exhaustively (BFS by default: shortest counterexamples)')
    .argument('[name]', 'a built-in scenario (see `mnc scenarios`)')
    .option('--scenario <file>', 'a scenario file (JSON, or a .js/.ts module)')
    .option('--set <NAME=VALUE>', 'set a scenario parameter (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--variant <name>', 'a scenario variant (e.g. nocount)')
    .option('--dfs', 'depth-first instead of breadth-first (its counterexample is then minimised)')
    .option('--no-minimise', 'keep the depth-first counterexample as found')
    .option('--out <file>', 'save the first counterexample (JSON, for `mnc replay`)')
    .option('--itf <file>', 'save the first counterexample as an ITF trace (the Apalache/Quint trace format)')
    .option('--json', 'print one JSON object');
  exploreOptions.addTo(cmd);
  mmOptions.addTo(cmd);
  cmd.action(async (name: string | undefined, flags: Flags) => {
    let title: string;
    let built: Built;
    let params: Record<string, number>;
    let saveAs: { scenario: string; scenarioFile?: string; params?: unknown };
    const mm = mmOptions.parse(flags);
    if (flags.scenario !== undefined) {
      if (name !== undefined) throw new UsageError('give a scenario name or --scenario FILE, not both');
      const { loadScenarioEntry } = await import('../loadScenarioEntry.js');
      const entry = await loadScenarioEntry(flags.scenario);
      if (flags.variant !== undefined) throw new UsageError(`--variant ${flags.variant}: ${flags.scenario} has no variants`);
      params = parseSets(flags.scenario, entry.params, flags.set);
      title = entry.name;
      built = entry.build({ params, ...(mm ? { mm } : {}) });
      saveAs = { scenario: entry.name, scenarioFile: flags.scenario };
    } else {
      if (name === undefined) throw new UsageError('explore: name a scenario or give --scenario FILE');
      const entry = findScenario(name);
      params = parseSets(name, entry.params, flags.set);
      if (flags.variant !== undefined && !entry.variants.includes(flags.variant)) {
        throw new UsageError(`--variant ${flags.variant}: ${name} has variants ${entry.variants.join(', ') || 'none'}`);
      }
      if (mm !== undefined && !entry.mm) throw new UsageError(`--events, --override and --mutant take an mm-model scenario; ${name} is not one`);
      title = [name, ...Object.entries(params).map(([k, v]) => `${k}=${v}`), ...(flags.variant ? [flags.variant] : [])].join(' ');
      built = entry.build({ params, ...(flags.variant ? { variant: flags.variant } : {}), ...(mm ? { mm } : {}) });
      saveAs = { scenario: name, params: { params, ...(flags.variant ? { variant: flags.variant } : {}) } };
    }
    if (flags.dfs && (flags.checkpoint !== undefined || flags.resume))
      throw new UsageError('--checkpoint and --resume work with breadth-first search only, not --dfs');
    checkOutputPaths(
      [
        flags.out !== undefined ? { flag: '--out', path: flags.out } : undefined,
        flags.itf !== undefined ? { flag: '--itf', path: flags.itf } : undefined,
        flags.checkpoint !== undefined ? { flag: '--checkpoint', path: flags.checkpoint } : undefined,
      ],
      [flags.scenario],
    );
    if (mm !== undefined && flags.out !== undefined && built.scenario === undefined) {
      throw new UsageError('--out with --mutant or a module that rewrites programs: a saved scenario file cannot carry them');
    }
    // the checkpoint's run id: --events, --override and --mutant, and a scenario file's contents, change the model under the same title
    const options = exploreOptions.parse(flags, JSON.stringify([title, mm ?? null, built.scenario ?? null]));
    for (const line of inapplicableFlags(title, built.model, options, flags.dfs ? 'dfs' : 'bfs', flags.minimise)) process.stderr.write(`${line}\n`);
    let explored: Explored;
    try {
      explored = runExploration(built, flags.dfs ? 'dfs' : 'bfs', options, flags.minimise);
    } catch (e) {
      // A checkpoint's traces that do not replay: written for another version of the model, not a bug of this run.
      if (options.resume && e instanceof NondeterminismError) {
        throw new UsageError(
          `${flags.checkpoint}: the checkpoint does not replay on this model (written by another version of mnc?): start again without --resume`,
        );
      }
      throw e;
    }
    const first = explored.result.violations.find((v) => v.kind !== 'unreachable');
    // The verdict and trace first: an output file that cannot be written must not lose them.
    const met = built.expected !== undefined ? matchesExpected(built.expected, built.expectedProperty, explored.result) : undefined;
    if (flags.json) {
      const expectation =
        built.expected !== undefined
          ? { expected: { verdict: built.expected, ...(built.expectedProperty ? { property: built.expectedProperty } : {}) }, expectationMet: met }
          : {};
      process.stdout.write(
        JSON.stringify({ ...exploreJson(title, params, explored), ...expectation, ...(built.replaced ? { replaced: built.replaced } : {}) }, null, 2) + '\n',
      );
    } else {
      const out = [formatSummary(title, explored.result), ...expectationLines(built, met)];
      const r = explored.result;
      if (r.status === 'model-error') out.push(formatModelError(r.message, explored.traces[r.violations.length]));
      r.violations.forEach((v, i) => out.push(formatViolation(v, explored.traces[i])));
      process.stdout.write(out.join('\n') + '\n');
    }
    const late = new LateWrites();
    if (options.checkpointer?.failure !== undefined) late.fail(options.checkpointer.file, options.checkpointer.failure, '; checkpoint not saved');
    if (mm !== undefined && flags.out !== undefined && first) {
      // The run's scenario is not the named one: save it beside the counterexample, which names it.
      const file = flags.out.replace(/(\.json)?$/, '.scenario.json');
      late.write(file, () => writeAtomic(file, JSON.stringify(built.scenario, null, 2) + '\n'));
      saveAs = { scenario: title, scenarioFile: file };
    }
    // No counterexample: an earlier run's at --out or --itf must not be taken for this run's (replay it and it fails again).
    for (const path of first ? [] : [flags.out, flags.itf]) if (path !== undefined) late.remove(path);
    if (flags.out !== undefined && first) {
      const cex = toCounterexample(saveAs.scenario, saveAs.params, first, toNamedSteps(built.model, first.trace), { by: flags.dfs ? 'dfs' : 'bfs' });
      late.write(flags.out, () => writeCounterexample(flags.out!, saveAs.scenarioFile !== undefined ? { ...cex, scenarioFile: saveAs.scenarioFile } : cex));
    }
    if (flags.itf !== undefined && first) {
      const itf = JSON.stringify(toItf(built.model, first.trace, `${first.property}: ${first.message}`), null, 1) + '\n';
      late.write(flags.itf, () => writeAtomic(flags.itf!, itf));
    }
    setExit(late.finish(exitCodeOf(explored.result)));
  });
};
