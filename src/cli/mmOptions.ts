import type { Command } from 'commander';
import type { MmBuildOptions } from './ScenarioEntry.js';
import { parseOverride } from './parseOverride.js';
import { mutantById } from './mutantById.js';
import { eventProfile } from './eventProfile.js';

export interface MmFlags {
  events: string;
  override: string[];
  mutant?: string;
}

/** `--events`, `--override`, `--mutant`: the faulty variant of an mm scenario, shared by explore and test. */
export const mmOptions = {
  addTo(cmd: Command): Command {
    return cmd
      .option('--events <profile>', 'mm scenarios: event profile, seed (the patch) or v5.2 (the merged events)', 'seed')
      .option(
        '--override <SITE:KEY=VALUE,...>',
        "mm scenarios: replace a site's event, vma, range start or end, e.g. 28:start=vma->vm_start (repeatable)",
        (v: string, acc: string[]) => [...acc, v],
        [] as string[],
      )
      .option('--mutant <id>', 'mm scenarios: apply a deliberate bug (mnc mutants --list)');
  },
  /** The options, or undefined when none is given. */
  parse(f: MmFlags): MmBuildOptions | undefined {
    const events = eventProfile(f.events);
    const overrides = f.override.map(parseOverride);
    mutantById(f.mutant);
    if (events === 'seed' && overrides.length === 0 && f.mutant === undefined) return undefined;
    return { events, overrides, ...(f.mutant !== undefined ? { mutant: f.mutant } : {}) };
  },
};
