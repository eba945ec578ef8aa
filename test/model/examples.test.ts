/** The example scenario files load, and explore to their expected verdict (with the test checks). */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import { loadScenarioFile } from '../../model/scenario/loadScenarioFile.js';
import { bfs } from '../../src/engine/bfs.js';
import { coherentAtEnd, noStaleEntry, noStaleTlb } from './util/checks.js';

const DIR = 'model/scenario/examples';
const small = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'two-mms-kvm-odp.json');

describe('example scenarios', () => {
  for (const f of small) {
    it(f, async () => {
      const { scenario } = await loadScenarioFile(`${DIR}/${f}`);
      const r = bfs(buildMmModel(scenario), [noStaleEntry, noStaleTlb, coherentAtEnd]);
      expect(r.status).toBe(scenario.expect);
    });
  }
});

describe('a TypeScript scenario module', () => {
  it('adds its own operation and explores to its verdict', async () => {
    const mod = await loadScenarioFile(`${DIR}/zap-twice-vs-kvm.ts`);
    expect(mod.programs?.map((p) => p.name)).toEqual(['zap_twice']);
    const r = bfs(buildMmModel(mod.scenario, { programs: mod.programs ?? [] }), [noStaleEntry, noStaleTlb, coherentAtEnd]);
    expect(r.status).toBe(mod.scenario.expect);
  });
});
