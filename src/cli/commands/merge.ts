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

/** `mnc merge DIR...`: shard outputs of `mnc sweep --shard` combined into one report (and exit code). */
export const registerMerge: Register = (program, setExit) => {
  program
    .command('merge')
    .description('combine the outputs of sweep shards into one report')
    .argument('<dirs...>', 'directories written by mnc sweep --out')
    .option('--out <dir>', 'write the merged report to DIR/sweep.json')
    .option('--json', 'print the merged SweepReport as JSON')
    .action((dirs: string[], flags: { out?: string; json?: boolean }) => {
      const merged = mergeReports(dirs.map(readReport), SWEEP_KNOWN_FINDINGS);
      if (typeof merged === 'string') throw new UsageError(`merge: ${merged}`);
      if (flags.out !== undefined) {
        mkdirSync(flags.out, { recursive: true });
        writeAtomic(join(flags.out, 'sweep.json'), JSON.stringify(merged, null, 1) + '\n');
      }
      const code = sweepExitCode(merged.summary);
      setExit(code);
      process.stdout.write(flags.json ? JSON.stringify(merged, null, 1) + '\n' : sweepText(merged));
      if (code !== 0) process.stderr.write(`merge: exit ${code}: ${sweepExitReason(merged.summary)}\n`);
    });
};
