import { expect, it } from 'vitest';
import { buildMmModel } from '../../model/MmModel.js';
import { loadScenarioFile } from '../../model/scenario/loadScenarioFile.js';
import { bfs } from '../../src/engine/bfs.js';
import { coherentAtEnd, noStaleEntry } from './util/checks.js';

it('the explorer finishes 2 mms, 4 pages, 2 mirrors, 3 threads (states pinned)', async () => {
  const { scenario } = await loadScenarioFile('model/scenario/examples/two-mms-kvm-odp.json');
  const r = bfs(buildMmModel(scenario), [noStaleEntry, coherentAtEnd]);
  expect(r.status).toBe('ok');
  expect(r.stats.distinctStates).toBe(11040);
});
