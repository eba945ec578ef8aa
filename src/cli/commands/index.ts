/**
 * Every subcommand, one file each (one line per command: add yours here),
 * loaded on demand: `mnc conform ...` loads the conform command alone, so a
 * run pays only for the modules it uses; help and unknown commands load all.
 */
import type { Register } from './Register.js';

export const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  check: async () => (await import('./check.js')).registerCheck,
  explore: async () => (await import('./explore.js')).registerExplore,
  random: async () => (await import('./random.js')).registerRandom,
  replay: async () => (await import('./replay.js')).registerReplay,
  mutants: async () => (await import('./mutants.js')).registerMutants,
  conform: async () => (await import('./conform.js')).registerConform,
  sites: async () => (await import('./sites.js')).registerSites,
  nightly: async () => (await import('./nightly.js')).registerNightly,
  scenarios: async () => (await import('./scenarios.js')).registerScenarios,
  sweep: async () => (await import('./sweep.js')).registerSweep,
  merge: async () => (await import('./merge.js')).registerMerge,
  test: async () => (await import('./test.js')).registerTest,
  ops: async () => (await import('./ops.js')).registerOps,
};

/** The commands to register for `argv`: the one it names, or all of them. */
export async function commandsFor(argv: readonly string[]): Promise<Register[]> {
  const named = argv[0] !== undefined ? COMMANDS[argv[0]] : undefined;
  return Promise.all(named ? [named()] : Object.values(COMMANDS).map((load) => load()));
}
