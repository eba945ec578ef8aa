/**
 * A seed site scenario whose program `prog` has the steps `which` picks
 * wrapped: `before(ctx)` runs, then the step as it was (a deliberately
 * broken local step, for the checks of model/mm/footprint/).
 */
import { buildMmModel, type MmModel } from '../../../model/MmModel.js';
import type { Step, StepCtx } from '../../../model/mm/step/Program.js';
import { ProgramRegistry } from '../../../model/mm/step/ProgramRegistry.js';
import type { Built } from '../../../src/cli/ScenarioEntry.js';
import { siteChecks, type SiteCheck } from '../../../src/cli/siteChecks.js';

export function withWrappedSteps(
  scenario: string,
  prog: string,
  which: (s: Step) => boolean,
  before: (ctx: StepCtx) => void,
): { check: SiteCheck; built: Built; model: MmModel } {
  const check = siteChecks({ profile: 'seed', scenario })[0]!;
  const built = check.build();
  const reg0 = (built.model as MmModel).registry;
  const reg = new ProgramRegistry(reg0.names().map((n) => reg0.get(n)));
  const p = reg.get(prog);
  const steps = p.steps.map((s) => (which(s) ? { ...s, run: (ctx: Parameters<typeof s.run>[0]) => (before(ctx), s.run(ctx)) } : s));
  reg.replace({ ...p, steps });
  return { check, built, model: buildMmModel(check.scenario, { registry: reg }) };
}
