import type { Command } from 'commander';

/** Each command file exports one of these; `setExit` records the process exit code. */
export type Register = (program: Command, setExit: (code: number) => void) => void;
