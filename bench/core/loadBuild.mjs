// The subjects of one build (a tsc output tree, e.g. /tmp/mnc-old/dist), for measure.mjs and paired.mjs:
// `await loadBuild(DIST, NAMES)` gives bfs and, per name, a build() of a fresh model and its properties.
// A name ending in .json is a scenario file; any other is a site scenario id of the seed profile.
// Plain JS on purpose: it loads old commits too (a9891b7 has no bench/core, and exports siteChecks from its own module).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

export async function loadBuild(dist, names) {
  const imp = (p) => import(pathToFileURL(resolve(dist, p)).href);
  const api = await imp('src/cli/api.js');
  const { siteChecks } = api.siteChecks ? api : await imp('src/cli/siteChecks.js');
  const { bfs } = await imp('src/engine/bfs.js');
  const { loadScenarioFile } = await imp('model/scenario/loadScenarioFile.js');
  const mm = await imp('model/MmModel.js');
  const { mmProperties } = await imp('properties/mmProperties.js');
  // STATE=immer|cow picks the state backend where the build has one (older builds: immer only)
  if (process.env.STATE && mm.setDefaultStateBackend) mm.setDefaultStateBackend({ backend: process.env.STATE, checked: process.env.CHECKED === '1' });
  else if (process.env.STATE && process.env.STATE !== 'immer') throw new Error(`this build has no state backend ${process.env.STATE}`);
  const subjects = [];
  for (const n of names) {
    if (n.endsWith('.json')) {
      const { scenario } = await loadScenarioFile(resolve(n));
      subjects.push({ name: n.replace(/.*\//, ''), build: () => ({ model: mm.buildMmModel(scenario), properties: mmProperties(scenario) }) });
    } else {
      const c = siteChecks({ profile: 'seed', scenario: n });
      if (c.length !== 1) throw new Error(`no site scenario ${n}`);
      subjects.push({ name: n, build: () => c[0].build() });
    }
  }
  return { bfs, subjects };
}
