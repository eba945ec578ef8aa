import type { Register } from './Register.js';
import { UsageError } from '../UsageError.js';
import { positiveInteger } from '../positiveInteger.js';
import { positiveNumber } from '../positiveNumber.js';
import { EXIT } from '../../engine/ExploreResult.js';
import { runMutants } from '../../mutants/runMutants.js';
import { formatMutantReport } from '../../mutants/formatMutantReport.js';
import { mutantsExitCode } from '../../mutants/mutantsExitCode.js';
import { MM_MUTANTS, findMutant, mmMutantSuite } from '../../../properties/mutants/mmMutants.js';
import type { MmMutantSpec } from '../../../properties/mutants/MmMutant.js';

interface Flags {
  id: string[];
  json?: boolean;
  list?: boolean;
  maxSeconds: number;
  maxStates: number;
  por?: boolean;
  sleepSets?: boolean;
}

/**
 * `mnc mutants`: explore every deliberate bug (properties/mutants/) and the
 * correct baselines they vary; exit 0 only when every baseline passes and
 * every mutant is caught by the property it targets.
 */
export const registerMutants: Register = (program, setExit) => {
  program
    .command('mutants')
    .description('run the deliberate bugs: each must be caught by its property, the correct baselines must pass')
    .option('--id <id>', 'only this mutant (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--list', 'list the mutants (id, expected property, description) and exit')
    .option('--json', 'print a JSON object: baselines, mutants (id, description, killed, property, length), pass')
    .option('--max-seconds <n>', 'budget per exploration', positiveNumber, 60)
    .option('--max-states <n>', 'budget per exploration', positiveInteger, 200_000)
    .option('--por', 'explore with partial-order reduction (as mnc check --por): every mutant must still be caught')
    .option('--sleep-sets', 'with --por (implied): sleep sets too (src/engine/por/SleepSets.ts)')
    .action((flags: Flags) => {
      const specs = flags.id.length === 0 ? MM_MUTANTS : flags.id.map((id) => findMutant(id) ?? unknown(id));
      if (flags.list) {
        const rows = specs.map((m) => ({ id: m.id, expects: m.expects, baseline: m.baseline, description: m.description }));
        process.stdout.write(flags.json ? `${JSON.stringify(rows, null, 2)}\n` : rows.map((r) => `${r.id}  ${r.expects}  ${r.description}\n`).join(''));
        setExit(EXIT.ok);
        return;
      }
      const suite = mmMutantSuite(specs);
      const report = runMutants(suite, suite.mutants, {
        maxSeconds: flags.maxSeconds,
        maxStates: flags.maxStates,
        ...(flags.por || flags.sleepSets ? { por: true } : {}),
        ...(flags.sleepSets ? { sleepSets: true } : {}),
      });
      process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatMutantReport(report)}\n`);
      setExit(mutantsExitCode(report));
    });
};

function unknown(id: string, flag = '--id'): never {
  throw new UsageError(`${flag} ${id}: no such mutant (see 'mnc mutants --list')`);
}

/**
 * For other commands' `--mutant ID`: the mutant, or a usage error. Apply it
 * to a scenario with `applyMutant(spec, scenario)` (properties/mutants/MmMutant.ts),
 * then `buildMmModel(scenario, { registry })`.
 */
export function resolveMutant(id: string): MmMutantSpec {
  return findMutant(id) ?? unknown(id, '--mutant');
}
