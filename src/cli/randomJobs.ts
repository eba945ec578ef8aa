/** The jobs of a `mnc random` command line (a scenario name, --scenario FILE, --all or a mutant's baseline), and where --out saves a scenario. */
import { findScenario, mutantBaselineEntry, scenarioRegistry, siteScenarioEntries } from './scenarios.js';
import { parseSets } from './parseSets.js';
import { parseOverride } from './parseOverride.js';
import { resolveMutant } from './commands/mutants.js';
import { UsageError } from './UsageError.js';
import { DEFAULT_MM } from './mmBuilt.js';
import type { MmBuildOptions, ScenarioEntry } from './ScenarioEntry.js';

import type { RandomFlags as Flags, RandomJob as Job } from './RandomJob.js';
import { eventProfile } from './eventProfile.js';

/** Where `--out FILE` saves a drawn or reconfigured scenario, beside the counterexample that names it. */
export function scenarioFileOf(out: string): string {
  return out.replace(/(\.json)?$/, '.scenario.json');
}

/** The mm options of the command line, or undefined when it gives none. */
export function mmOptionsOf(flags: Flags): MmBuildOptions | undefined {
  const events = eventProfile(flags.events);
  const overrides = flags.override.map(parseOverride);
  const mutant = flags.mutant === undefined ? undefined : resolveMutant(flags.mutant).id;
  if (events === 'seed' && overrides.length === 0 && mutant === undefined) return undefined;
  return { events, overrides, ...(mutant !== undefined ? { mutant } : {}) };
}

export async function randomJobs(name: string | undefined, flags: Flags): Promise<Job[]> {
  const mm = mmOptionsOf(flags);
  if (
    flags.out !== undefined &&
    mm?.mutant !== undefined &&
    resolveMutant(mm.mutant).programs !== undefined &&
    name !== undefined &&
    findScenario(name).space !== undefined
  ) {
    throw new UsageError(
      `--out with --mutant ${mm.mutant}: it rewrites programs, which the saved drawn scenario cannot carry (mnc replay would run the correct model)`,
    );
  }
  const mmJob = (entry: ScenarioEntry, extra: Partial<Job> = {}): Job => ({
    entry,
    params: parseSets(entry.name, entry.params, []),
    mm: mm ?? DEFAULT_MM,
    ...extra,
  });
  if (flags.scenario !== undefined) {
    if (name !== undefined || flags.all) throw new UsageError('give a scenario name, --scenario FILE or --all, not several');
    if (
      mm !== undefined &&
      flags.out !== undefined &&
      (!flags.scenario.endsWith('.json') || (mm.mutant !== undefined && resolveMutant(mm.mutant).programs !== undefined))
    ) {
      throw new UsageError(
        `--out with --events, --override or --mutant on ${flags.scenario}: the saved scenario file cannot carry programs (a module's, or a mutant's); ` +
          'use a JSON scenario and a mutant of the scenario data',
      );
    }
    const { loadScenarioEntry } = await import('./loadScenarioEntry.js');
    const entry = await loadScenarioEntry(flags.scenario);
    return [{ entry, params: parseSets(entry.name, entry.params, flags.set), file: flags.scenario, ...(mm !== undefined ? { mm } : {}) }];
  }
  if (flags.all) {
    if (name !== undefined) throw new UsageError('give a scenario name or --all, not both');
    if (flags.set.length > 0 || flags.variant !== undefined) throw new UsageError('--set and --variant need a single scenario, not --all');
    // The built-in scenarios, then every site scenario; with mm options only those built on the mm model.
    const all = [...scenarioRegistry(), ...siteScenarioEntries()];
    return all.filter((e) => mm === undefined || e.mm).map((entry) => (entry.mm ? mmJob(entry) : { entry, params: parseSets(entry.name, entry.params, []) }));
  }
  if (name === undefined) {
    if (mm?.mutant !== undefined) return [mmJob(mutantBaselineEntry(mm.mutant), { params: parseSets(name ?? 'baseline', [], flags.set), unnamed: true })];
    throw new UsageError('random: name a scenario, or give --scenario FILE or --all (or --mutant ID alone: its baseline)');
  }
  const entry = findScenario(name);
  if (flags.variant !== undefined && !entry.variants.includes(flags.variant)) {
    throw new UsageError(`--variant ${flags.variant}: ${name} has variants ${entry.variants.join(', ') || 'none'}`);
  }
  if (mm !== undefined && !entry.mm) throw new UsageError(`--events, --override and --mutant take an mm-model scenario; ${name} is not one`);
  const params = parseSets(name, entry.params, flags.set);
  return [{ entry, params, ...(flags.variant ? { variant: flags.variant } : {}), ...(entry.mm ? { mm: mm ?? DEFAULT_MM } : {}) }];
}

/** Whether `--out` must save the scenario as a file: drawn, reconfigured (events, overrides, a mutant of the scenario data) or not addressable by name. */
export function needsScenarioFile(job: Job, drawn: boolean): boolean {
  const m = job.mm;
  // a mutant that rewrites programs cannot be a file: the counterexample's mm options rebuild it by name (or its baseline)
  if (!drawn && m?.mutant !== undefined && resolveMutant(m.mutant).programs !== undefined) return false;
  return drawn || job.unnamed === true || (m !== undefined && (m.events !== 'seed' || m.overrides.length > 0 || m.mutant !== undefined));
}
