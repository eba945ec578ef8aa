// Measures the mm model core of one build: node bench/core/measure.mjs DIST ROUNDS [SCENARIO...]
// DIST is a built tree (tsc output, e.g. /tmp/mnc-old/dist). For each subject: distinct states,
// transitions, the best (warm) of ROUNDS wall times, states/s and bytes per state as the engine reports.
// Plain JS on purpose: the same file measures an old commit that has no bench/core.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [dist, roundsArg, ...names] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 3);
const imp = (p) => import(pathToFileURL(resolve(dist, p)).href);
// the public API's siteChecks; an old commit (a9891b7, measured beside) exports it from its own module only
const api = await imp('src/cli/api.js');
const { siteChecks } = api.siteChecks ? api : await imp('src/cli/siteChecks.js');
const { bfs } = await imp('src/engine/bfs.js');
const { loadScenarioFile } = await imp('model/scenario/loadScenarioFile.js');
const { buildMmModel } = await imp('model/MmModel.js');
const { mmProperties } = await imp('properties/mmProperties.js');
// STATE=immer|cow picks the state backend where the build has one (older builds: immer only).
const mm = await imp('model/MmModel.js');
if (process.env.STATE && mm.setDefaultStateBackend) mm.setDefaultStateBackend({ backend: process.env.STATE, checked: process.env.CHECKED === '1' });
else if (process.env.STATE && process.env.STATE !== 'immer') throw new Error(`this build has no state backend ${process.env.STATE}`);

const subjects = [];
for (const n of names) {
  if (n.endsWith('.json')) {
    const { scenario } = await loadScenarioFile(resolve(n));
    subjects.push({ name: n.replace(/.*\//, ''), build: () => ({ model: buildMmModel(scenario), properties: mmProperties(scenario) }) });
  } else {
    const c = siteChecks({ profile: 'seed', scenario: n });
    if (c.length !== 1) throw new Error(`no site scenario ${n}`);
    subjects.push({ name: n, build: () => c[0].build() });
  }
}
const out = [];
for (const s of subjects) {
  let best = Infinity;
  let r;
  for (let i = 0; i < rounds; i++) {
    const b = s.build();
    const t0 = process.hrtime.bigint();
    r = bfs(b.model, b.properties, { maxSeconds: Number(process.env.MAX_SECONDS ?? 600) });
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  out.push({
    subject: s.name,
    status: r.status,
    states: r.stats.distinctStates,
    transitions: r.stats.transitions,
    seconds: +best.toFixed(3),
    statesPerSecond: Math.round(r.stats.distinctStates / best),
    bytesPerState: r.stats.bytesPerState,
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
  });
}
process.stdout.write(JSON.stringify(out) + '\n');
