import type { Register } from './Register.js';
import { siteChecks } from '../siteChecks.js';
import { parseOverride, type SiteOverride } from '../parseOverride.js';
import { resolveMutant } from './mutants.js';
import { UsageError } from '../UsageError.js';
import { parseSiteId } from '../parseSiteId.js';
import type { CheckJob, CheckOutcome } from '../CheckJob.js';
import { runCheckJob } from '../runCheckJob.js';
import { checkExitCode } from '../checkExitCode.js';
import { runInWorkers } from '../../parallel/runInWorkers.js';
import { defaultThreads } from '../../parallel/defaultThreads.js';
import { formatViolation } from '../../report/formatResult.js';
import { checkTable } from '../../report/checkTable.js';
import { CATALOG } from '../../../model/sites/catalog.js';
import { catalogVmaNotes } from '../../../properties/vmaNotes.js';
import type { CheckRow } from '../../report/CheckRow.js';
import { SITE_SCENARIOS } from '../../../model/sites/scenarios/index.js';
import { integerIn } from '../integerIn.js';
import { positiveNumber } from '../positiveNumber.js';
import { eventProfile } from '../eventProfile.js';
import { coverageReport, mergeCoverage, stoppedEarly } from '../../report/coverageReport.js';
import { UNREACHABLE_STEPS } from '../../../model/mm/step/unreachableSteps.js';
import { writeAtomic } from '../../util/writeAtomic.js';
import { checkOutputPaths } from '../checkOutputPaths.js';

interface Flags {
  events: string;
  site: string[];
  mirror?: string;
  scenario?: string;
  override: string[];
  mutant?: string;
  json?: boolean;
  maxSeconds: number;
  jobs?: number;
  traces?: boolean;
  por?: boolean;
  sleepSets?: boolean;
  allViolations?: boolean;
  coverage?: boolean | string;
}

/** `mnc check`: every site scenario, exhaustively; exit 0 only when every verdict matches its expectation (see checkExitCode). */
export const registerCheck: Register = (program, setExit) => {
  program
    .command('check')
    .description('check every site scenario exhaustively (the main job)')
    .option('--events <profile>', 'event profile: seed (the patch) or v5.2 (the merged events)', 'seed')
    .option('--site <id>', 'only this catalog site (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--mirror <kind>', 'only scenarios with a mirror of this kind')
    .option('--scenario <name>', 'only this scenario (see `mnc scenarios`)')
    .option('--mutant <id>', 'apply a deliberate bug (mnc mutants --list) to every scenario: each must then hold, or it caught the mutant')
    .option(
      '--override <SITE:KEY=VALUE,...>',
      "replace a site's event, vma, range start or end (repeatable; keys event, vma, start, end)",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--max-seconds <n>', 'budget per scenario', positiveNumber, 120)
    .option('--jobs <n>', 'worker threads (default: one per core, at most one per scenario; 1 = in-process)', integerIn(1, 256))
    .option('--traces', 'print the counterexample of every violation, not only the unexpected ones')
    .option('--por', 'partial-order reduction from recorded footprints (README: it reduces little here and costs time)')
    .option('--sleep-sets', 'with --por (implied): sleep sets too (src/engine/por/SleepSets.ts)')
    .option('--json', 'print a JSON array, one object per scenario')
    .option(
      '--all-violations',
      'explore each scenario to its end and report every property it violates, each with its shortest trace (a violated scenario then matches when its expected property is among them)',
    )
    .option(
      '--coverage [file]',
      "report the steps of the model's programs no scenario ran and the programs none called (SPIN's unreached code); with a file, also the whole coverage as JSON there (atomically; required with --json)",
    )
    .action(async (flags: Flags) => {
      if (flags.coverage === true && flags.json) throw new UsageError('--coverage with --json: give the file to write the coverage to (--coverage FILE)');
      if (typeof flags.coverage === 'string') checkOutputPaths([{ flag: '--coverage', path: flags.coverage }]);
      const jobs = checkJobs(flags);
      const n = flags.jobs ?? defaultThreads(jobs.length);
      const outcomes: CheckOutcome[] =
        n <= 1 ? jobs.map(runCheckJob) : await runInWorkers<CheckJob, CheckOutcome>(new URL('../checkWorker.js', import.meta.url), jobs, n);
      const rows = outcomes.map((o) => o.row);
      setExit(checkExitCode(rows));
      const coverage = flags.coverage ? mergeCoverage(outcomes.map((o) => o.coverage ?? [])) : undefined;
      if (coverage && typeof flags.coverage === 'string') writeAtomic(flags.coverage, JSON.stringify({ steps: coverage }, null, 2) + '\n');
      if (flags.json) {
        process.stdout.write(JSON.stringify(outcomes.map(jsonRow), null, 2) + '\n');
        return;
      }
      const details: string[] = [];
      for (const o of outcomes) {
        if (!flags.traces && o.row.matches) continue;
        if (o.row.modelError !== undefined) details.push(`${o.row.scenario}: model error: ${o.row.modelError}`);
        o.violations.forEach((v, i) => details.push(formatViolation(v, o.traces[i], `${o.row.scenario}: `)));
      }
      const notes = vmaNotes(rows, flags.override.map(parseOverride)).map((n) => `note: ${n}`);
      const covered = coverage ? [coverageReport(coverage, stoppedEarly(rows, !!flags.allViolations), UNREACHABLE_STEPS)] : [];
      process.stdout.write(checkTable(rows, flags.events) + '\n' + [...notes, ...details, ...covered].map((l) => l + '\n').join(''));
    });
};

/**
 * A row of `--json`: each violation carries its counterexample (`trace`, the
 * readable steps) when the text output would print it (`--traces`, or a row
 * that does not match its expectation).
 */
function jsonRow(o: CheckOutcome): CheckRow | (Omit<CheckRow, 'violations'> & { violations: readonly object[] }) {
  if (o.traces.every((t) => t === undefined)) return o.row;
  return { ...o.row, violations: o.row.violations.map((v, i) => ({ ...v, ...(o.traces[i] ? { trace: o.traces[i].steps } : {}) })) };
}

/** The jobs of a `mnc check` command line, in the fixed scenario order; bad filters are usage errors. */
function checkJobs(flags: Flags): CheckJob[] {
  const profile = eventProfile(flags.events);
  const sites = flags.site.map((s) => parseSiteId(s));
  const all = SITE_SCENARIOS.map((x) => x.scenario);
  if (flags.scenario !== undefined && !all.some((s) => s.name === flags.scenario)) {
    throw new UsageError(`--scenario ${flags.scenario}: no such site scenario (see 'mnc scenarios')`);
  }
  const kinds = [...new Set(all.flatMap((s) => (s.mirrors ?? []).map((m) => m.kind)))];
  if (flags.mirror !== undefined && !kinds.includes(flags.mirror)) {
    throw new UsageError(`--mirror ${flags.mirror}: no site scenario has a mirror of this kind (kinds: ${kinds.join(', ') || 'none'})`);
  }
  const overrides = flags.override.map(parseOverride);
  const checks = siteChecks({
    profile,
    ...(sites.length ? { sites } : {}),
    ...(flags.mirror ? { mirror: flags.mirror } : {}),
    ...(flags.scenario ? { scenario: flags.scenario } : {}),
    overrides,
    ...(flags.mutant !== undefined ? { mutant: resolveMutant(flags.mutant).id } : {}),
  });
  if (checks.length === 0) throw new UsageError('check: no scenario matches the filters');
  return checks.map((c) => ({
    site: c.site,
    scenario: c.scenario.name,
    profile,
    overrides,
    ...(flags.mutant !== undefined ? { mutant: flags.mutant } : {}),
    maxSeconds: flags.maxSeconds,
    traces: !!flags.traces,
    ...(flags.por || flags.sleepSets ? { por: true } : {}),
    ...(flags.sleepSets ? { sleepSets: true } : {}),
    ...(flags.allViolations ? { allViolations: true } : {}),
    ...(flags.coverage ? { coverage: true } : {}),
  }));
}

/** NULL passed as the vma where the site had one in scope: notes (not errors) for the sites checked. */
function vmaNotes(rows: readonly CheckRow[], overrides: readonly SiteOverride[]): string[] {
  const checked = new Set(rows.map((r) => r.site));
  const sites = CATALOG.filter((s) => checked.has(s.id)).map((s) => ({ ...s, vma: overrides.find((o) => o.site === s.id)?.vma ?? s.vma }));
  return catalogVmaNotes(sites);
}
