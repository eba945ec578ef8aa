import { UsageError } from './UsageError.js';
import type { ParamSpec } from './ScenarioEntry.js';

/** Resolves `--set NAME=VALUE` pairs against a scenario's parameters (defaults for the rest). */
export function parseSets(scenario: string, specs: readonly ParamSpec[], sets: readonly string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(specs.map((p) => [p.name, p.default]));
  for (const s of sets) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(-?\d+)$/.exec(s);
    if (!m) throw new UsageError(`--set ${s}: expected NAME=INTEGER`);
    const spec = specs.find((p) => p.name === m[1]);
    if (!spec) {
      const known = specs.map((p) => p.name).join(', ') || 'none';
      throw new UsageError(`--set ${s}: ${scenario} has no parameter ${m[1]} (parameters: ${known})`);
    }
    const v = Number(m[2]);
    if (v < spec.min || v > spec.max) throw new UsageError(`--set ${s}: ${spec.name} must be in ${spec.min}..${spec.max}`);
    out[spec.name] = v;
  }
  return out;
}
