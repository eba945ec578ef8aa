import fc from 'fast-check';
import { UsageError } from './UsageError.js';
import type { BuildOptions, Built } from './ScenarioEntry.js';
import { type Violation } from '../engine/ExploreResult.js';
import { randomCheck, randomCheckSpace, type RandomOptions } from '../random/randomCheck.js';
import type { RandomResult } from '../random/RandomResult.js';
import { triageViolation } from './triageViolation.js';

import type { Params, RandomJob as Job } from './RandomJob.js';

/** Runs one job: with fixed parameters, with each drawn from its minimum up to the given value, or with the scenario drawn (entries with a space). */
export function runRandomJob(
  job: Job,
  options: RandomOptions,
  vary: boolean,
  only: readonly string[],
  pastKnown: boolean,
): { result: RandomResult<unknown>; built: (p: unknown) => Built; drawn: boolean } {
  const keep = (b: Built): Built => {
    if (only.length === 0) return b;
    const unknown = only.find((n) => !b.properties.some((q) => q.name === n));
    if (unknown !== undefined) throw new UsageError(`--property ${unknown}: ${job.entry.name} has properties ${b.properties.map((q) => q.name).join(', ')}`);
    return { ...b, properties: b.properties.filter((q) => only.includes(q.name)) };
  };
  const opts = (p: Params | undefined): BuildOptions => ({
    params: p ?? job.params,
    ...(job.variant ? { variant: job.variant } : {}),
    ...(job.mm ? { mm: job.mm } : {}),
  });
  if (job.entry.space !== undefined) {
    const space = job.entry.space(opts(undefined));
    keep(job.entry.build(opts(undefined))); // --property names checked before the runs
    const build = (d: unknown) => keep(space.build(d));
    const triage = pastKnown ? { triage: (d: unknown, v: Violation) => triageViolation(build(d), v) } : {};
    return { result: randomCheckSpace<unknown, unknown, unknown>({ arbitrary: space.arbitrary, build, ...triage }, options), built: build, drawn: true };
  }
  const build = (p: Params | undefined): Built => keep(job.entry.build(opts(p)));
  if (!vary) {
    const fixed = build(undefined);
    return { result: randomCheck(fixed, options), built: () => fixed, drawn: false };
  }
  const ranges = Object.fromEntries(job.entry.params.map((s) => [s.name, fc.integer({ min: s.min, max: Math.max(s.min, job.params[s.name] ?? s.default) })]));
  return {
    result: randomCheckSpace<Params | undefined, unknown, unknown>({ arbitrary: fc.record(ranges), build }, options),
    built: (p) => build(p as Params | undefined),
    drawn: false,
  };
}
