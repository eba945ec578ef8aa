import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Register } from './Register.js';
import { UsageError } from '../UsageError.js';
import { mergeReports } from '../../sweep/mergeReports.js';
import type { SweepReport } from '../../sweep/SweepRecord.js';
import { sweepExitCode, sweepExitReason } from '../../sweep/sweepExitCode.js';
import { writeAtomic } from '../../util/writeAtomic.js';
import { sweepText } from '../../report/sweepText.js';
import { SWEEP_KNOWN_FINDINGS } from '../../../properties/knownFindings.js';
import { UNREACHABLE_STEPS } from '../../../model/mm/step/unreachableSteps.js';
import { coverageReport, stoppedEarly, type CoverageStep } from '../../report/coverageReport.js';
import { checkOutputPaths } from '../checkOutputPaths.js';

function readReport(dir: string): SweepReport {
  const path = join(dir, 'sweep.json');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${path}: ${e instanceof SyntaxError ? 'not JSON' : 'cannot be read'} (a directory written by mnc sweep --out)`);
  }
  const r = data as SweepReport;
  if (typeof r?.summary?.modelHash !== 'string' || !Array.isArray(r.records)) throw new UsageError(`${path}: not a sweep report`);
  return r;
}

/** The step coverage of the merged shards; none (one line naming the shards, exit 2) when they cannot give it. */
async function mergedCoverage(merged: SweepReport, dirs: readonly string[]): Promise<CoverageStep[]> {
  const { sweepCodeHash } = await import('./sweep.js');
  const { reportCoverage } = await import('../sweepCoverage.js'); // the model's programs: loaded only here
  const steps = reportCoverage(merged, sweepCodeHash());
  if (typeof steps === 'string') throw new UsageError(`merge --coverage: ${dirs.join(' ')}: no step coverage: ${steps}`);
  return steps;
}

/** `mnc merge DIR...`: shard outputs of `mnc sweep --shard` combined into one report (and exit code). */
export const registerMerge: Register = (program, setExit) => {
  program
    .command('merge')
    .description('combine the outputs of sweep shards into one report')
    .argument('<dirs...>', 'directories written by mnc sweep --out')
    .option('--out <dir>', 'write the merged report to DIR/sweep.json')
    .option('--json', 'print the merged SweepReport as JSON')
    .option(
      '--coverage [file]',
      "report the steps of the model's programs no configuration of the shards ran (they must have swept with --coverage, on this build); with a file, also the whole coverage as JSON there (atomically; required with --json)",
    )
    .action(async (dirs: string[], flags: { out?: string; json?: boolean; coverage?: boolean | string }) => {
      if (flags.coverage === true && flags.json) throw new UsageError('--coverage with --json: give the file to write the coverage to (--coverage FILE)');
      if (typeof flags.coverage === 'string') checkOutputPaths([{ flag: '--coverage', path: flags.coverage }]);
      const merged = mergeReports(dirs.map(readReport), SWEEP_KNOWN_FINDINGS);
      if (typeof merged === 'string') throw new UsageError(`merge: ${merged}`);
      const coverage = flags.coverage ? await mergedCoverage(merged, dirs) : undefined;
      if (flags.out !== undefined) {
        mkdirSync(flags.out, { recursive: true });
        writeAtomic(join(flags.out, 'sweep.json'), JSON.stringify(merged, null, 1) + '\n');
      }
      if (coverage && typeof flags.coverage === 'string') writeAtomic(flags.coverage, JSON.stringify({ steps: coverage }, null, 2) + '\n');
      const code = sweepExitCode(merged.summary);
      setExit(code);
      const covered = coverage ? coverageReport(coverage, stoppedEarly(merged.records, merged.summary.allViolations === true), UNREACHABLE_STEPS) + '\n' : '';
      process.stdout.write(flags.json ? JSON.stringify(merged, null, 1) + '\n' : sweepText(merged) + covered);
      if (code !== 0) process.stderr.write(`merge: exit ${code}: ${sweepExitReason(merged.summary)}\n`);
    });
};
