import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { Register } from './Register.js';
import { UsageError } from '../UsageError.js';
import { runConform } from '../../conform/runConform.js';
import { ConformInputError } from '../../conform/ConformInputError.js';
import { catalogSites, modelVerifier } from '../conformCatalog.js';
import type { BudgetName } from '../../conform/KnownSite.js';
import { nightlyRandom } from '../nightlyRandom.js';
import { integerIn } from '../integerIn.js';
import { positiveNumber } from '../positiveNumber.js';
import { nightlyExitCode } from '../nightlyExitCode.js';
import { nightlyConform } from '../nightlyConform.js';
import { writeAtomic } from '../../util/writeAtomic.js';
import type { SweepReport } from '../../sweep/SweepRecord.js';
import type { NightlyConform, NightlyReport, NightlySummary, SiteLocation } from '../../nightly/NightlyReport.js';
import { coverageLine, coverageSummary, stoppedEarly } from '../../report/coverageReport.js';
import { UNREACHABLE_STEPS } from '../../../model/mm/step/unreachableSteps.js';
import { hasNewViolation, knownIdsOf } from '../../sweep/triage.js';
import { nightlyJunit } from '../../report/nightlyJunit.js';
import { nightlySarif } from '../../report/nightlySarif.js';
import { nightlyHtml } from '../../report/nightlyHtml.js';
import { eventProfile } from '../eventProfile.js';
import type { EventProfile } from '../../../model/sites/catalog.js';

interface Flags {
  tree?: string;
  scope: string;
  sweep?: string;
  randomSeconds: number;
  randomRuns?: number;
  seed?: number;
  out: string;
  allViolations?: boolean;
  events?: string;
}

/** `--seed`: a whole number. */
const wholeNumber = (v: string): number => {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim())) throw new InvalidArgumentError('expected a whole number');
  return n;
};

/** `--random-seconds`: a budget, fractions allowed as `mnc random --max-seconds` takes them (fast-check gets whole milliseconds, at least 1), or 0 for no random search. */
const randomSeconds = (v: string): number => {
  if (v.trim() !== '' && Number(v) === 0) return 0;
  try {
    return positiveNumber(v);
  } catch {
    throw new InvalidArgumentError('expected a positive number of seconds, or 0 for none');
  }
};

/** A sweep report from `mnc sweep --out DIR` or `mnc merge` (DIR/sweep.json). */
function readSweep(dir: string): SweepReport {
  const file = join(dir, 'sweep.json');
  let data: SweepReport;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as SweepReport;
  } catch (e) {
    throw new UsageError(
      `${file}: ${e instanceof SyntaxError ? 'not JSON' : `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`}: expected the output of mnc sweep or mnc merge`,
    );
  }
  if (!data || typeof data.summary !== 'object' || !Array.isArray(data.records)) throw new UsageError(`${file}: expected a sweep report ({summary, records})`);
  return data;
}

/** The sweep, in-process: `mnc sweep --scope S --out DIR` through its own command module (loaded only when the nightly run sweeps). */
async function runSweepCommand(scope: string, events: EventProfile, dir: string, allViolations: boolean): Promise<SweepReport> {
  const { registerSweep } = await import('./sweep.js');
  const program = new Command('mnc').exitOverride();
  registerSweep(program, () => undefined);
  const argv = ['sweep', '--scope', scope, '--events', events, '--out', dir, '--coverage', ...(allViolations ? ['--all-violations'] : [])];
  await program.parseAsync(argv, { from: 'user' });
  return readSweep(dir);
}

/**
 * The sweep's step coverage and where it went (coverage.json), or null: when a record has no steps (a sweep run
 * without --coverage) or the sweep ran on another build (its records' bits index that build's step list).
 */
async function coveragePart(sweep: SweepReport | undefined, out: string): Promise<NightlySummary['coverage']> {
  if (sweep === undefined) return null;
  const { sweepCodeHash } = await import('./sweep.js');
  const { reportCoverage } = await import('../sweepCoverage.js'); // the model's programs: loaded only here
  const steps = reportCoverage(sweep, sweepCodeHash());
  if (typeof steps === 'string') return null;
  writeAtomic(join(out, 'coverage.json'), JSON.stringify({ steps }, null, 2) + '\n');
  return { ...coverageSummary(steps, UNREACHABLE_STEPS), stopped: stoppedEarly(sweep.records, sweep.summary.allViolations === true) };
}

/** `--events`, else the given sweep's profile, else seed; a profile other than the given sweep's is a usage error (one report, one profile). */
function nightlyEvents(flag: string | undefined, given: SweepReport | undefined, dir: string | undefined): EventProfile {
  const swept = given?.summary.events;
  if (flag === undefined) return swept ?? 'seed';
  const events = eventProfile(flag);
  if (swept !== undefined && swept !== events)
    throw new UsageError(`--events ${events}: the sweep in ${dir} was run under ${swept} (run mnc sweep --events ${events})`);
  return events;
}

/** The model check of each found site: a fixed budget per scenario (litmus scenarios take well under a second). */
const NIGHTLY_CONFORM_SECONDS = 60;
const NIGHTLY_CONFORM_BUDGET: BudgetName = {
  name: "nightly's fixed",
  remedy: `run mnc conform --tree on this tree with --max-seconds above ${NIGHTLY_CONFORM_SECONDS} to see whether the site passes`,
};

async function conformPart(tree: string, sites: Record<string, SiteLocation>): Promise<NightlyConform> {
  try {
    const r = await runConform({ tree, catalog: catalogSites(), verify: modelVerifier(NIGHTLY_CONFORM_SECONDS, NIGHTLY_CONFORM_BUDGET) });
    for (const s of r.sites) if (s.catalogId !== null) sites[s.catalogId] = { file: s.file, line: s.line, function: s.function ?? '' };
    return nightlyConform(tree, r);
  } catch (e) {
    if (e instanceof ConformInputError) throw new UsageError(e.message);
    throw e;
  }
}

/** `mnc nightly`: conformance of a tree, the sweep, random search past known findings; one report directory. */
export const registerNightly: Register = (program, setExit) => {
  program
    .command('nightly')
    .description('the nightly run: conformance (--tree), the sweep, random search past known findings; summary.json, junit.xml, report.sarif, report.html')
    .requiredOption('--out <dir>', 'the report directory')
    .option('--tree <dir>', 'a kernel tree: its conformance, and findings at its sites (file:line)')
    .option('--scope <scope>', 'sweep scope: small, medium or large', 'small')
    .option('--all-violations', 'the sweep reports every property a configuration violates, not only its first (mnc sweep --all-violations)')
    .option('--sweep <dir>', 'take the sweep from this directory (mnc sweep --out DIR, or mnc merge of shards) instead of running it')
    .option(
      '--events <profile>',
      "event profile of the sweep and the random search: seed (the patch) or v5.2 (the merged events); default: the --sweep's, else seed",
    )
    .option('--random-seconds <s>', 'budget of random search on drawn scenarios, fractions allowed (0: none)', randomSeconds, 60)
    .option(
      '--random-runs <n>',
      'drawn scenarios to check (the same search for a seed on any machine; --random-seconds still caps it): default as many as the budget allows',
      integerIn(1, 1e9),
    )
    .option('--seed <n>', 'seed of the random search (default: drawn, and printed)', wholeNumber)
    .action(async (flags: Flags) => {
      const t0 = performance.now();
      const startedAt = new Date().toISOString();
      try {
        mkdirSync(flags.out, { recursive: true });
      } catch (e) {
        throw new UsageError(`${flags.out}: cannot create the report directory (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      if (flags.tree !== undefined && !existsSync(flags.tree)) throw new UsageError(`--tree ${flags.tree}: no such directory`);
      const { CATALOG } = await import('../../../model/sites/catalog.js');
      const sites: Record<string, SiteLocation> = Object.fromEntries(CATALOG.map((c) => [String(c.id), { file: c.file, line: null, function: c.function }]));
      if (flags.sweep !== undefined && flags.allViolations)
        throw new UsageError(
          `--all-violations: applies to the sweep nightly runs, not to one given by --sweep (run mnc sweep --all-violations --out ${flags.sweep})`,
        );
      const given = flags.sweep !== undefined ? readSweep(flags.sweep) : undefined; // bad input fails before any work
      const events = nightlyEvents(flags.events, given, flags.sweep);
      const conform = flags.tree !== undefined ? await conformPart(flags.tree, sites) : null;
      const sweep = given ?? (await runSweepCommand(flags.scope, events, join(flags.out, 'sweep'), flags.allViolations === true));
      const seed = flags.seed ?? Math.floor(Math.random() * 0x7fffffff);
      const runs = flags.randomRuns !== undefined ? `${flags.randomRuns} runs within ` : '';
      if (flags.randomSeconds > 0)
        process.stderr.write(`nightly: random search, strategy swarm, events ${events}, seed ${seed}, ${runs}${flags.randomSeconds} s\n`);
      const rand = flags.randomSeconds > 0 ? nightlyRandom(seed, flags.randomSeconds, events, flags.randomRuns) : null;
      const records = [...(sweep?.records ?? []), ...(rand?.records ?? [])];
      const known = new Set([...(sweep?.summary.knownFindings ?? []), ...Object.keys(rand?.random.known ?? {}), ...records.flatMap(knownIdsOf)]);
      const base = {
        version: program.version() ?? '0.1.0',
        startedAt,
        seconds: (performance.now() - t0) / 1000,
        scope: sweep?.summary.scope ?? flags.scope,
        events,
        conform,
        sweep: sweep?.summary ?? null,
        random: rand?.random ?? null,
        configurations: records.length,
        newFindings: records.filter(hasNewViolation).length,
        knownFindings: [...known].sort(),
        missingKnown: [...(sweep?.summary.missingKnown ?? [])],
        coverage: await coveragePart(sweep, flags.out),
      };
      const [exit, exitReason] = nightlyExitCode(base, records);
      const report: NightlyReport = { summary: { ...base, exit, exitReason }, records, sites };
      writeAtomic(join(flags.out, 'sweep.json'), JSON.stringify({ summary: sweep?.summary ?? null, records }, null, 1) + '\n');
      writeAtomic(join(flags.out, 'summary.json'), JSON.stringify(report.summary, null, 2) + '\n');
      writeAtomic(join(flags.out, 'junit.xml'), nightlyJunit(report));
      writeAtomic(join(flags.out, 'report.sarif'), nightlySarif(report, report.summary.version));
      writeAtomic(join(flags.out, 'report.html'), nightlyHtml(report));
      process.stdout.write(
        `nightly: ${records.length} configurations, ${base.newFindings} new findings, ` +
          `known: ${base.knownFindings.join(', ') || 'none'}; exit ${exit}: ${exitReason}\n` +
          (base.coverage ? `${coverageLine(base.coverage, base.coverage.stopped)}\n` : '') +
          `reports in ${flags.out}: summary.json junit.xml report.sarif report.html sweep.json${base.coverage ? ' coverage.json' : ''}\n`,
      );
      setExit(exit);
    });
};
