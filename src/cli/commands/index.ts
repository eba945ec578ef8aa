/** Every subcommand, one file each (one line per command: add yours here). */
import type { Register } from './Register.js';
import { registerExplore } from './explore.js';
import { registerSites } from './sites.js';
import { registerRandom } from './random.js';
import { registerReplay } from './replay.js';
import { registerCheck } from './check.js';
import { registerScenarios } from './scenarios.js';
import { registerMutants } from './mutants.js';
import { registerConform } from './conform.js';

export const COMMANDS: readonly Register[] = [registerExplore, registerSites, registerRandom, registerReplay, registerCheck, registerScenarios, registerMutants, registerConform];
