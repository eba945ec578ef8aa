/** Every subcommand, one file each (one line per command: add yours here). */
import type { Register } from './Register.js';

export const COMMANDS: readonly Register[] = [];
