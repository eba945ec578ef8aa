import type { Register } from './Register.js';
import { EXIT } from '../../engine/ExploreResult.js';
import { scenarioFiles } from '../scenarioFiles.js';
import { runScenarioTest } from '../runScenarioTest.js';
import type { ScenarioTestResult } from '../ScenarioTestResult.js';
import { mmOptions, type MmFlags } from '../mmOptions.js';
import { UsageError } from '../UsageError.js';
import { checkOutputPaths } from '../checkOutputPaths.js';
import { scenarioTestTable } from '../../report/scenarioTestTable.js';
import { scenarioTestJunit } from '../../report/scenarioTestJunit.js';
import { writeAtomic } from '../../util/writeAtomic.js';
import { positiveInteger } from '../positiveInteger.js';
import { positiveNumber } from '../positiveNumber.js';

interface Flags extends MmFlags {
  junit?: string;
  json?: boolean;
  maxStates?: number;
  maxSeconds?: number;
  por?: boolean;
}

/** `mnc test FILE|DIR...`: every scenario file explored and judged against its own `expect`; exit 0 when all are met. */
export const registerTest: Register = (program, setExit) => {
  const cmd = program
    .command('test')
    .description(
      'explore scenario files (JSON and modules; directories are walked) and check each against its own expect: ' +
        'exit 0 when every expectation is met, 1 naming each unmet one, 2 when a file does not load',
    )
    .argument('<paths...>', 'scenario files or directories')
    .option('--junit <file>', 'also write the results as JUnit XML')
    .option('--json', 'print one JSON object instead of the table')
    .option('--max-states <n>', 'per scenario: stop after n distinct states (an unmet expectation)', positiveInteger)
    .option('--max-seconds <n>', 'per scenario: stop after n seconds (an unmet expectation)', positiveNumber)
    .option('--por', 'partial-order reduction');
  mmOptions.addTo(cmd);
  cmd.action(async (paths: string[], flags: Flags) => {
    const mm = mmOptions.parse(flags);
    const files = scenarioFiles(paths);
    if (files.length === 0) throw new UsageError(`${paths.join(' ')}: no scenario files (.json, .ts, .mts, .js, .mjs)`);
    checkOutputPaths(
      [flags.junit !== undefined ? { flag: '--junit', path: flags.junit } : undefined],
      files.map((f) => f.path),
    );
    const options = {
      ...(flags.maxStates !== undefined ? { maxStates: flags.maxStates } : {}),
      ...(flags.maxSeconds !== undefined ? { maxSeconds: flags.maxSeconds } : {}),
      por: !!flags.por,
    };
    const rows: ScenarioTestResult[] = [];
    for (const f of files) {
      const r = await runScenarioTest(f, options, mm);
      if (r) rows.push(r);
    }
    if (flags.junit !== undefined) writeAtomic(flags.junit, scenarioTestJunit(rows));
    if (flags.json) {
      const n = (s: ScenarioTestResult['status']) => rows.filter((r) => r.status === s).length;
      process.stdout.write(JSON.stringify({ passed: n('pass'), failed: n('fail'), errors: n('error'), scenarios: rows }, null, 2) + '\n');
    } else process.stdout.write(scenarioTestTable(rows));
    setExit(rows.some((r) => r.status === 'error') ? EXIT.usage : rows.some((r) => r.status === 'fail') ? EXIT.violation : EXIT.ok);
  });
};
