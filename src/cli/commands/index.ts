/** Every subcommand, one file each (one line per command: add yours here). */
import type { Register } from './Register.js';
import { registerExplore } from './explore.js';

export const COMMANDS: readonly Register[] = [registerExplore];
