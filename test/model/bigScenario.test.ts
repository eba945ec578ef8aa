import { expect, it } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import { loadScenarioFile } from '../../model/scenario/loadScenarioFile.js';
import { bfs } from '../../src/engine/bfs.js';
import { coherentAtEnd, noStaleEntry } from './util/checks.js';

it('2 mms, 4 pages, 2 mirrors, 3 threads', async () => {
  const { scenario } = await loadScenarioFile('model/scenario/examples/two-mms-kvm-odp.json');
  const r = bfs(buildMmModel(scenario), [noStaleEntry, coherentAtEnd]);
  console.log(r.status, JSON.stringify(r.stats));
  expect(r.status).toBe('ok');
});
