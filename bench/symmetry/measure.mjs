// One exhaustive run of one subject, with or without --symmetry, in a process of its own (for its peak RSS):
//   node bench/symmetry/measure.mjs DIST plain|symmetry SUBJECT
// SUBJECT is a site scenario name (seed profile) or a scenario file (.json); with DOUBLE=1 a site
// scenario gets a copy of its last thread (test/util/doubledSubjects.ts). Prints one JSON line:
// status, distinct states, transitions, seconds, states/s, the engine's bytes per state, peak RSS, and
// under symmetry the time spent in representative() (calls, µs per call, share of the run).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [dist, mode, name] = process.argv.slice(2);
const imp = (p) => import(pathToFileURL(resolve(dist, p)).href);
// the public API's; an older build exports them from their own modules only
const api = await imp('src/cli/api.js');
const { siteChecks } = api.siteChecks ? api : await imp('src/cli/siteChecks.js');
const { buildMmCheck } = api.buildMmCheck ? api : await imp('src/cli/buildMmCheck.js');
const { bfs } = await imp('src/engine/bfs.js');
const { loadScenarioFile } = await imp('model/scenario/loadScenarioFile.js');
const { resolveScenario } = await imp('model/scenario/resolveScenario.js');
const { CATALOG } = await imp('model/sites/catalog.js');

let built;
if (name.endsWith('.json')) {
  const loaded = await loadScenarioFile(resolve(name));
  built = buildMmCheck(resolveScenario(loaded.scenario, CATALOG, { profile: 'seed', overrides: [] }));
} else if (process.env.DOUBLE === '1') {
  const { SITE_SCENARIOS } = await imp('model/sites/scenarios/index.js');
  const sc = SITE_SCENARIOS.find((x) => x.scenario.name === name)?.scenario;
  if (!sc) throw new Error(`no site scenario ${name}`);
  const last = sc.threads[sc.threads.length - 1];
  const doubled = { ...sc, threads: [...sc.threads, { ...last, name: `${last.name}2` }] };
  built = buildMmCheck(resolveScenario(doubled, CATALOG, { profile: 'seed', overrides: [] }));
} else {
  const c = siteChecks({ profile: 'seed', scenario: name });
  if (c.length !== 1) throw new Error(`no site scenario ${name}`);
  built = c[0].build();
}
let model = built.model;
let calls = 0;
let canonNs = 0n;
if (mode === 'symmetry' && model.representative) {
  const rep = model.representative;
  model = {
    ...model,
    representative(s) {
      const t0 = process.hrtime.bigint();
      const r = rep(s);
      canonNs += process.hrtime.bigint() - t0;
      calls++;
      return r;
    },
  };
}
const t0 = process.hrtime.bigint();
const r = bfs(model, built.properties, { symmetry: mode === 'symmetry', maxSeconds: Number(process.env.MAX_SECONDS ?? 900) });
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
process.stdout.write(
  JSON.stringify({
    subject: name.replace(/.*\//, '') + (process.env.DOUBLE === '1' ? ' (doubled)' : ''),
    mode,
    symmetry: built.model.symmetryNote,
    status: r.status,
    violations: r.violations.map((v) => v.property),
    states: r.stats.distinctStates,
    transitions: r.stats.transitions,
    seconds: +seconds.toFixed(2),
    statesPerSecond: Math.round(r.stats.distinctStates / seconds),
    bytesPerState: +r.stats.bytesPerState.toFixed(1),
    rssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    ...(calls > 0
      ? { canonCalls: calls, canonUsPerCall: +(Number(canonNs) / 1e3 / calls).toFixed(2), canonShare: +(Number(canonNs) / 1e9 / seconds).toFixed(3) }
      : {}),
  }) + '\n',
);
