import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Register } from './Register.js';
import { sweepPlan, type SweepOptions } from '../sweepSpace.js';
import { runSweepJob } from '../runSweepJob.js';
import type { SweepJob } from '../SweepJob.js';
import { UsageError } from '../UsageError.js';
import { parseSiteId } from '../parseSiteId.js';
import { defaultThreads } from '../../parallel/defaultThreads.js';
import { codeHash } from '../../sweep/codeHash.js';
import { parseShard } from '../../sweep/shardOf.js';
import { runSweep } from '../../sweep/runSweep.js';
import { sweepExitCode, sweepExitReason } from '../../sweep/sweepExitCode.js';
import { writeAtomic } from '../../util/writeAtomic.js';
import { sweepText } from '../../report/sweepText.js';
import { SWEEP_KNOWN_FINDINGS } from '../../../properties/knownFindings.js';
import { integerIn } from '../integerIn.js';
import { positiveNumber } from '../positiveNumber.js';
import { sweepModeFields } from '../../sweep/sweepMode.js';
import { coverageReport, stoppedEarly } from '../../report/coverageReport.js';
import { UNREACHABLE_STEPS } from '../../../model/mm/step/unreachableSteps.js';
import { sweepCoverage } from '../sweepCoverage.js';
import { checkOutputPaths } from '../checkOutputPaths.js';

interface Flags {
  scope: string;
  site: string[];
  mirror?: string;
  layout?: string;
  events: string;
  shard?: string;
  jobs?: number;
  budgetSeconds: number;
  out: string;
  json?: boolean;
  list?: boolean;
  maxVmas?: number;
  maxMirrors?: number;
  maxThreads?: number;
  porCheck?: boolean;
  sleepSets?: boolean;
  allViolations?: boolean;
  coverage?: boolean | string;
}

/**
 * The code a sweep result depends on: the model, the properties, the engine and the job runner (the incremental cache key).
 * From the bundle (dist/bundle/*.mjs, src/build/bundle.ts) the sources are not separate files: the key is every file of the
 * bundle, so any change to mnc re-explores.
 */
export function sweepCodeHash(): string {
  if (import.meta.url.endsWith('.mjs')) return codeHash([fileURLToPath(new URL('.', import.meta.url))]);
  const at = (p: string) => fileURLToPath(new URL(p, import.meta.url));
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const roots = [at('../../../model'), at('../../../properties'), at('../../engine'), at(`../runSweepJob.${ext}`), at(`../siteChecks.${ext}`)];
  // The generator (model/sweep) does not change a configuration's result: the configuration is its id.
  return codeHash(roots, [`knownFindings.${ext}`, `KNOWN_FINDINGS.${ext}`, '/model/sweep/']);
}

/** `mnc sweep`: every configuration of a scope, exhaustively; see README.md. */
export const registerSweep: Register = (program, setExit) => {
  program
    .command('sweep')
    .description('explore every configuration of a bounded scope exhaustively (the nightly run)')
    .option('--scope <scope>', 'small (nightly default), medium or large', 'small')
    .option('--site <id>', 'only this catalog site (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--mirror <kind>', 'only configurations with a mirror of this kind')
    .option('--layout <name>', 'only configurations of this layout (its name as in the configuration ids, e.g. thp-fault@0)')
    .option('--events <profile>', 'event profile: seed (the patch) or v5.2 (the merged events)', 'seed')
    .option('--shard <I/N>', 'only shard I of N (1-based; a deterministic partition by configuration id)')
    .option('--jobs <n>', 'worker threads (default: one per core; 1 = in-process)', integerIn(1, 256))
    .option('--budget-seconds <s>', 'budget per configuration (a cut one is incomplete, exit 3)', positiveNumber, 300)
    .option('--out <dir>', 'results, checkpoint and incremental cache (DIR/results.jsonl), report DIR/sweep.json', 'mnc-sweep')
    .option('--max-vmas <n>', 'most vmas in a layout (overrides the scope)', integerIn(1, 4))
    .option('--max-mirrors <n>', 'most mirrors (1 or 2; overrides the scope)', integerIn(1, 2))
    .option('--max-threads <n>', 'most threads: the site operation and its racing accesses (overrides the scope)', integerIn(1, 5))
    .option('--por-check', 'explore each configuration under partial-order reduction and check it on every state (slower; a nightly soundness job)')
    .option('--sleep-sets', 'as --por-check, with sleep sets on top of the ample sets, checked too (a nightly soundness job for --sleep-sets)')
    .option('--all-violations', 'report every property a configuration violates, each with its shortest trace, not only the first (slower: no run stops early)')
    .option(
      '--coverage [file]',
      "report the steps of the model's programs no configuration ran (SPIN's unreached code); with a file, also the whole coverage as JSON there (atomically). A cached record without its steps is explored again",
    )
    .option('--list', 'list the configurations (and what was not generated, by reason) without exploring')
    .option('--json', 'print the SweepReport as JSON')
    .action(async (flags: Flags) => {
      const sites = flags.site.map((s) => parseSiteId(s));
      const shard = flags.shard === undefined ? null : parseShard(flags.shard);
      if (shard === undefined) throw new UsageError(`--shard ${flags.shard}: expected I/N with 1 <= I <= N`);
      const options: SweepOptions = {
        scope: flags.scope,
        sites,
        ...(flags.mirror !== undefined ? { mirror: flags.mirror } : {}),
        ...(flags.layout !== undefined ? { layout: flags.layout } : {}),
        events: flags.events,
        shard,
        maxSeconds: flags.budgetSeconds,
        ...(flags.maxVmas !== undefined ? { maxVmas: flags.maxVmas } : {}),
        ...(flags.maxMirrors !== undefined ? { maxMirrors: flags.maxMirrors } : {}),
        ...(flags.maxThreads !== undefined ? { maxThreads: flags.maxThreads } : {}),
        ...sweepModeFields({
          porCheck: flags.porCheck === true || flags.sleepSets === true,
          sleepSets: flags.sleepSets === true,
          allViolations: flags.allViolations === true,
        }),
      };
      if (typeof flags.coverage === 'string' && !flags.list) checkOutputPaths([{ flag: '--coverage', path: flags.coverage }]);
      const plan = sweepPlan(options);
      if (plan.items.length === 0) throw new UsageError('sweep: no configuration matches the filters');
      if (flags.list) {
        const out = plan.items.map(
          (it) => `${it.id}\t#${it.site} ${it.path}\t${it.config.layout}\t${it.config.subscribers.join(',')}\t${it.config.threads.join(' vs ')}`,
        );
        const skipped = Object.entries(plan.skipped).map(([k, n]) => `not generated: ${n} ${k}`);
        process.stdout.write([...out, `${plan.items.length} configurations`, ...skipped].join('\n') + '\n');
        return;
      }
      const items = flags.coverage ? plan.items.map((it) => ({ ...it, job: { ...it.job, coverage: true } })) : plan.items;
      const report = await runSweep<SweepJob>({
        items,
        meta: {
          scope: plan.scope,
          events: plan.events,
          shard,
          filter: plan.filter,
          skipped: plan.skipped,
          modelHash: sweepCodeHash(),
          ...sweepModeFields(options),
        },
        known: SWEEP_KNOWN_FINDINGS,
        dir: flags.out,
        threads: flags.jobs ?? defaultThreads(plan.items.length),
        worker: new URL('../sweepWorker.js', import.meta.url),
        runLocal: runSweepJob,
        onProgress: (line) => process.stderr.write(line + '\n'),
        ...(flags.coverage ? { coverage: true } : {}),
      });
      writeAtomic(join(flags.out, 'sweep.json'), JSON.stringify(report, null, 1) + '\n');
      const code = sweepExitCode(report.summary);
      setExit(code);
      const coverage = flags.coverage ? sweepCoverage(report.records) : undefined;
      if (coverage && typeof flags.coverage === 'string') writeAtomic(flags.coverage, JSON.stringify({ steps: coverage }, null, 2) + '\n');
      if (flags.json) process.stdout.write(JSON.stringify(report, null, 1) + '\n');
      else
        process.stdout.write(
          sweepText(report) + (coverage ? coverageReport(coverage, stoppedEarly(report.records, !!flags.allViolations), UNREACHABLE_STEPS) + '\n' : ''),
        );
      if (code !== 0) process.stderr.write(`sweep: exit ${code}: ${sweepExitReason(report.summary)}\n`);
    });
};
