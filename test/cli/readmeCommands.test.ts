/**
 * README.md's command table against the CLI. A row need not name every
 * option (explore's budgets, for one, are in the paragraph below it), but
 * every option it names exists on its command, and `mnc random`'s row names
 * its time budget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** Each row's usage (its first cell) and the options it names. */
const rows = README.split('\n')
  .filter((l) => l.startsWith('| `mnc '))
  .map((l) => {
    const usage = /^\| `([^`]*)`/.exec(l)![1]!;
    return { usage, command: usage.split(' ')[1]!, options: [...new Set([...usage.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]))] };
  });

async function cli(): Promise<Command> {
  const program = new Command('mnc').option('--state <backend>');
  for (const load of Object.values(COMMANDS)) (await load())(program, () => undefined);
  return program;
}

describe("README's command table", () => {
  it('has a row for every command, and names only options its command has', async () => {
    const program = await cli();
    expect(new Set(rows.map((r) => r.command))).toEqual(new Set(program.commands.map((c) => c.name())));
    for (const r of rows) {
      const cmd = program.commands.find((c) => c.name() === r.command)!;
      const longs = [...cmd.options, ...program.options].map((o) => o.long);
      for (const o of r.options) expect(longs, `${r.usage}: mnc ${r.command} has no option ${o}`).toContain(o);
    }
  });

  it("mnc random's row names --max-seconds (it stops starting runs; exit 3 when nothing was found)", () => {
    const random = rows.filter((r) => r.command === 'random');
    expect(random).toHaveLength(1);
    expect(random[0]!.options).toContain('--max-seconds');
  });
});
