/**
 * mnc: the command line. The only place where the engine (src/) meets the
 * kernel model (model/) and the contract (properties/).
 */
import { Command, CommanderError } from 'commander';
import { commandsFor } from './commands/index.js';
import { UsageError } from './UsageError.js';
import { EXIT } from '../engine/ExploreResult.js';
import { DEFAULT_STATE_BACKEND, applyStateBackend, parseStateBackend } from './stateBackend.js';
import { STATE_BACKENDS } from '../../model/mm/step/runStep.js';

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('mnc')
    .description('model checker for the Linux kernel mmu_notifier protocol')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showSuggestionAfterError(true)
    .option(
      '--state <backend>',
      `the mm model's state backend: ${STATE_BACKENDS.join(' or ')} (cow: plain copy-on-write, the fast default; immer: the reference)`,
      DEFAULT_STATE_BACKEND,
    )
    .hook('preAction', (cmd) => applyStateBackend(parseStateBackend(String(cmd.opts()['state']))));
  let code: number = EXIT.ok;
  for (const register of await commandsFor(argv)) register(program, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage; // help/version exit 0; commander already printed the error line
    }
    if (e instanceof UsageError) {
      process.stderr.write(`mnc: ${e.message}\n`);
      return EXIT.usage;
    }
    const io = ioError(e);
    if (io !== undefined) {
      process.stderr.write(`mnc: ${io}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  return code;
}

/** A file the user named cannot be read or written (`--out`, `--checkpoint`, ...): one line naming it. */
function ioError(e: unknown): string | undefined {
  const x = e as NodeJS.ErrnoException;
  if (!(e instanceof Error) || typeof x.code !== 'string' || typeof x.path !== 'string') return undefined;
  return `${x.path}: cannot ${x.syscall ?? 'access'} (${x.code})`;
}
