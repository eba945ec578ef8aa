/** How `mnc random` names a job's run: the command line that repeats it, and its title. */
import type { MmBuildOptions } from './ScenarioEntry.js';

import type { Params, RandomFlags as Flags, RandomJob as Job } from './RandomJob.js';

/** The command line that repeats a job's run (add `--path` to go straight to the shrunk failure). */
export function replayCommand(job: Job, flags: Flags, seed: number): string {
  const sets = Object.entries(job.params).map(([k, v]) => `--set ${k}=${v}`);
  const more = [
    ...(job.variant ? [`--variant ${job.variant}`] : []),
    ...(flags.varyParams ? ['--vary-params'] : []),
    ...(flags.pastKnown ? ['--past-known'] : []),
  ];
  const mm =
    job.mm === undefined
      ? []
      : [
          ...(job.mm.events !== 'seed' ? [`--events ${job.mm.events}`] : []),
          ...flags.override.map((o) => `--override ${o}`),
          ...(job.mm.mutant !== undefined ? [`--mutant ${job.mm.mutant}`] : []),
        ];
  const pct = [...(flags.pctDepth !== undefined ? [`--pct-depth ${flags.pctDepth}`] : []), ...flags.property.map((p) => `--property ${p}`)];
  const what = job.file !== undefined ? [`--scenario ${job.file}`] : job.unnamed ? [] : [job.entry.name];
  return [
    'mnc random',
    ...what,
    ...sets,
    ...more,
    ...mm,
    `--strategy ${flags.strategy} --seed ${seed} --runs ${flags.runs} --depth ${flags.depth}`,
    ...pct,
  ].join(' ');
}

/** The title of a job's result line. */
export function titleOf(name: string, params: Params, variant: string | undefined, mm: MmBuildOptions | undefined): string {
  const m =
    mm === undefined
      ? []
      : [
          ...(mm.events !== 'seed' ? [`events ${mm.events}`] : []),
          ...mm.overrides.map((o) => `override #${o.site}`),
          ...(mm.mutant !== undefined ? [`mutant ${mm.mutant}`] : []),
        ];
  return [name, ...Object.entries(params).map(([k, v]) => `${k}=${v}`), ...(variant ? [variant] : []), ...m].join(' ');
}
