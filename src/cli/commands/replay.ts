import type { Register } from './Register.js';
import { findScenario, mutantBaselineEntry, scenarioRegistry, siteScenarioEntries } from '../scenarios.js';
import { parseOverride } from '../parseOverride.js';
import { resolveMutant } from './mutants.js';
import { UsageError } from '../UsageError.js';
import type { BuildOptions } from '../ScenarioEntry.js';
import { EXIT } from '../../engine/ExploreResult.js';
import { readCounterexample, scenarioPathOf, sha256Of } from '../../replay/counterexampleFile.js';
import { replaySteps } from '../../replay/replaySteps.js';
import { readableErrorTrace, readableTrace } from '../../report/TraceStep.js';
import { formatModelError, formatViolation } from '../../report/formatResult.js';

/**
 * `mnc replay FILE`: replays a saved counterexample step by step on today's
 * model. Exit 1 when it still violates its property, 0 when it no longer
 * does (the property holds, or a step is no longer enabled), 2 for a bad file.
 */
export const registerReplay: Register = (program, setExit) => {
  program
    .command('replay')
    .description('replay a saved counterexample (from `mnc random --out` or an exhaustive run) and say whether it still fails')
    .argument('<file>', 'counterexample JSON')
    .option('--json', 'print one JSON object')
    .action(async (file: string, flags: { json?: boolean }) => {
      const read = readCounterexample(file);
      if (!read.ok) throw new UsageError(read.error);
      const cex = read.value;
      const scenarioPath = scenarioPathOf(file, cex);
      const entry =
        scenarioPath !== undefined
          ? await (await import('../loadScenarioEntry.js')).loadScenarioEntry(scenarioPath)
          : cex.mm?.mutant !== undefined &&
              !scenarioRegistry()
                .concat(siteScenarioEntries())
                .some((e) => e.name === cex.scenario)
            ? mutantBaselineEntry(cex.mm.mutant)
            : findScenario(cex.scenario);
      // a drawn scenario's file keeps the bounds it was drawn within as params: only a scenario by name is checked
      const options = buildOptions(file, cex.params, scenarioPath === undefined ? entry.params.map((p) => p.name) : undefined);
      // the mm options it was found with (a scenario file has them built in already)
      const mm =
        scenarioPath === undefined && cex.mm !== undefined
          ? {
              events: cex.mm.events,
              overrides: cex.mm.overrides.map(parseOverride),
              ...(cex.mm.mutant !== undefined ? { mutant: resolveMutant(cex.mm.mutant).id } : {}),
            }
          : undefined;
      const built = entry.build(mm !== undefined ? { ...options, mm } : options);
      const changed = scenarioPath !== undefined && cex.scenarioSha256 !== undefined && sha256Of(scenarioPath) !== cex.scenarioSha256;
      const r = replaySteps({ model: built.model, properties: built.properties, property: cex.property, init: cex.init }, cex.steps, 'strict');
      if (r.status === 'unknown-property' || r.status === 'unknown-init') throw new UsageError(`${file}: ${r.message}`);
      const trace = r.status === 'model-error' ? readableErrorTrace(built.model, r.trace, r.action) : readableTrace(built.model, r.trace);
      const code = r.status === 'violated' ? EXIT.violation : r.status === 'model-error' ? EXIT.modelError : EXIT.ok;
      setExit(code);
      const verdict =
        r.status === 'violated'
          ? `still fails: ${cex.property} violated after ${r.executed.length} of ${cex.steps.length} steps`
          : r.status === 'holds'
            ? `no longer fails: ${cex.property} holds after all ${cex.steps.length} steps`
            : r.status === 'diverged'
              ? `no longer fails: step ${r.at + 1} (${r.step.thread} ${r.step.label}) is not enabled`
              : `model error at step ${r.executed.length + 1}: ${r.message}`;
      if (flags.json) {
        const json = {
          file,
          scenario: cex.scenario,
          params: cex.params ?? null,
          ...(cex.mm ? { mm: cex.mm } : {}),
          ...(changed ? { scenarioChanged: true } : {}),
          property: cex.property,
          status: r.status,
          verdict,
          ...(r.status === 'violated' ? { message: r.failure.message } : {}),
          trace: trace.steps,
          ...(trace.failing ? { failingStep: trace.failing } : {}),
        };
        process.stdout.write(JSON.stringify(json, null, 2) + '\n');
        return;
      }
      const out = [`replay ${file}: ${cex.scenario}, ${cex.steps.length} steps, property ${cex.property}`];
      if (changed) out.push(`note: ${scenarioPath} changed since the counterexample was saved`);
      if (r.status === 'violated') out.push(formatViolation({ ...r.failure, trace: r.trace }, trace));
      else if (r.status === 'model-error') out.push(formatModelError(r.message, trace));
      else out.push(formatViolation({ property: cex.property, kind: cex.kind, message: `(saved) ${cex.message}`, trace: r.trace }, trace));
      out.push(verdict);
      process.stdout.write(out.join('\n') + '\n');
    });
};

/** The saved `params` field: `{params: {NAME: n}, variant?}` as `mnc random --out` writes it. */
function buildOptions(file: string, saved: unknown, names: readonly string[] | undefined): BuildOptions {
  if (saved === undefined || saved === null) return { params: {} };
  const o = saved as { params?: unknown; variant?: unknown };
  const params = o.params ?? {};
  const ok = typeof params === 'object' && params !== null && Object.values(params).every((v) => Number.isInteger(v));
  if (!ok || (o.variant !== undefined && typeof o.variant !== 'string')) {
    throw new UsageError(`${file}: field params must be {"params": {NAME: integer}, "variant"?: string}`);
  }
  const unknown = names === undefined ? undefined : Object.keys(params).find((k) => !names.includes(k));
  if (unknown !== undefined) throw new UsageError(`${file}: params.params.${unknown}: no such parameter (the scenario has ${names!.join(', ') || 'none'})`);
  return { params: params as Record<string, number>, ...(typeof o.variant === 'string' ? { variant: o.variant } : {}) };
}
