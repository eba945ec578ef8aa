import type { Register } from './Register.js';
import { siteChecks, type SiteCheck } from '../siteChecks.js';
import { parseOverride } from '../parseOverride.js';
import { UsageError } from '../UsageError.js';
import { bfs } from '../../engine/bfs.js';
import type { ExploreResult } from '../../engine/ExploreResult.js';
import { EXIT } from '../../engine/ExploreResult.js';
import { readableTrace } from '../../report/TraceStep.js';
import { formatViolation } from '../../report/formatResult.js';
import { checkTable } from '../../report/checkTable.js';
import type { CheckRow } from '../../report/CheckRow.js';

interface Flags {
  events: string;
  site: string[];
  mirror?: string;
  scenario?: string;
  override: string[];
  json?: boolean;
  maxSeconds: number;
  traces?: boolean;
}

/** Does the result match what the scenario expects? */
export function matches(c: SiteCheck, r: ExploreResult): boolean {
  if (c.expected === 'ok') return r.status === 'ok';
  if (r.status !== 'violation') return false;
  return c.expectedProperty === undefined || r.violations.some((v) => v.property === c.expectedProperty);
}

/** `mnc check`: every site scenario, exhaustively; exit 0 only when every verdict matches its expectation. */
export const registerCheck: Register = (program, setExit) => {
  program
    .command('check')
    .description('check every site scenario exhaustively (the main job)')
    .option('--events <profile>', 'event profile: seed (the patch) or v5.2 (the merged events)', 'seed')
    .option('--site <id>', 'only this catalog site (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--mirror <kind>', 'only scenarios with a mirror of this kind')
    .option('--scenario <name>', 'only this scenario')
    .option('--override <SITE:event=E,vma=V>', 'replace a site\'s event and/or vma (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--max-seconds <n>', 'budget per scenario', (v: string) => Number(v), 120)
    .option('--traces', 'print the counterexample of every unexpected violation')
    .option('--json', 'print a JSON array, one object per scenario')
    .action((flags: Flags) => {
      if (flags.events !== 'seed' && flags.events !== 'v5.2') throw new UsageError(`--events ${flags.events}: expected seed or v5.2`);
      const sites = flags.site.map((s) => {
        const n = Number(s);
        if (!Number.isInteger(n) || n < 1 || n > 28) throw new UsageError(`--site ${s}: expected a catalog id 1..28`);
        return n;
      });
      if (!Number.isFinite(flags.maxSeconds) || flags.maxSeconds <= 0) throw new UsageError('--max-seconds: expected a positive number');
      const checks = siteChecks({
        profile: flags.events,
        ...(sites.length ? { sites } : {}),
        ...(flags.mirror ? { mirror: flags.mirror } : {}),
        ...(flags.scenario ? { scenario: flags.scenario } : {}),
        overrides: flags.override.map(parseOverride),
      });
      if (checks.length === 0) throw new UsageError('check: no scenario matches the filters');
      const rows: CheckRow[] = [];
      const details: string[] = [];
      for (const c of checks) {
        const built = c.build();
        const r = bfs(built.model, built.properties, { maxSeconds: flags.maxSeconds });
        const ok = matches(c, r);
        rows.push({
          site: c.site,
          scenario: c.scenario.name,
          mirror: c.mirrors.join('+'),
          status: r.status,
          expected: c.expected,
          ...(c.expectedProperty ? { expectedProperty: c.expectedProperty } : {}),
          matches: ok,
          distinctStates: r.stats.distinctStates,
          seconds: r.stats.seconds,
          violations: r.violations.map((v) => ({ property: v.property, kind: v.kind, message: v.message, length: v.trace.path.length })),
          ...(r.status === 'model-error' ? { modelError: r.message } : {}),
        });
        if (!flags.json && (flags.traces || !ok)) {
          if (r.status === 'model-error') details.push(`${c.scenario.name}: model error: ${r.message}`);
          for (const v of r.violations) details.push(`${c.scenario.name}: ${formatViolation(v, v.trace.path.length ? readableTrace(built.model, v.trace) : undefined)}`);
        }
      }
      setExit(rows.every((r) => r.matches) ? EXIT.ok : EXIT.violation);
      if (flags.json) {
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      process.stdout.write(checkTable(rows, flags.events) + '\n' + (details.length ? details.join('\n') + '\n' : ''));
    });
};
