/** The one scenario schema: its JSON Schema file is current, and every built-in and example scenario passes it and the argument checks. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../model/scenario/scenarioJsonSchema.js';
import { validateScenario } from '../../model/scenario/validateScenario.js';
import { checkThreadArgs } from '../../model/scenario/checkThreadArgs.js';
import { resolveScenario } from '../../model/scenario/resolveScenario.js';
import { SITE_SCENARIOS } from '../../model/sites/scenarios/index.js';
import { BASELINES } from '../../properties/mutants/baselines.js';
import { CATALOG } from '../../model/sites/catalog.js';

describe('scenario.schema.json', () => {
  it('is generated from the schema (run `npm run schema` after changing it)', () => {
    expect(JSON.parse(readFileSync('model/scenario/scenario.schema.json', 'utf8'))).toEqual(scenarioJsonSchema());
  });
  it('every JSON example names it in $schema', () => {
    for (const [dir, path] of [
      ['model/scenario/examples', '../scenario.schema.json'],
      ['test/scenarios', '../../model/scenario/scenario.schema.json'],
    ] as const) {
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
        const sc = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as { $schema?: string };
        expect(sc.$schema, `${dir}/${f}`).toBe(path);
      }
    }
  });
});

describe('every built-in scenario fits the schema and its arguments are in range', () => {
  const all = [...SITE_SCENARIOS.map((x) => x.scenario), ...Object.values(BASELINES)];
  it(`${all.length} scenarios`, () => {
    const failures: string[] = [];
    for (const sc of all) {
      try {
        validateScenario(JSON.parse(JSON.stringify(sc)));
        const r = resolveScenario(sc, CATALOG);
        checkThreadArgs(r.scenario, r.registry);
      } catch (e) {
        failures.push(`${sc.name}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
