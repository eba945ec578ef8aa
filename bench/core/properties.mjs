// Time (wall, best of ROUNDS per scenario: the runs are short, CPU-time counters too coarse) of the contract's properties alone, on the edges and states of every seed site scenario:
//   node bench/core/properties.mjs DIST [ROUNDS]
// Each scenario is explored once with two recording properties appended (every edge, every new state); then a fresh
// PropertyChecker of its properties runs checkStep on every recorded edge and checkState on every recorded state,
// ROUNDS times, and the best round counts. Prints the total seconds, edges, states and ns per edge (step and state
// checks together, divided by edges). Plain JS: the same file measures an older build (bench/RESULTS.md, session 5).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [dist, roundsArg] = process.argv.slice(2);
const imp = (p) => import(pathToFileURL(resolve(dist, p)).href);
// the public API's siteChecks; an old commit (a9891b7, measured beside) exports it from its own module only
const api = await imp('src/cli/api.js');
const { siteChecks } = api.siteChecks ? api : await imp('src/cli/siteChecks.js');
const { bfs } = await imp('src/engine/bfs.js');
const { PropertyChecker } = await imp('src/engine/PropertyChecker.js');
const rounds = Number(roundsArg ?? 3);
let total = 0;
let edges = 0;
let states = 0;
for (const c of siteChecks({ profile: 'seed' })) {
  const x = c.build();
  const es = [];
  const ss = [];
  const recEdge = { name: 'bench-record-edge', description: 'records', kind: 'step', check: (p, a, n) => void es.push(p, a, n) };
  const recState = { name: 'bench-record-state', description: 'records', kind: 'invariant', check: (s) => void ss.push(s) };
  bfs(x.model, [recState, recEdge, ...x.properties], {});
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const pc = new PropertyChecker(x.properties);
    const t0 = process.hrtime.bigint();
    for (const s of ss) pc.checkState(s);
    for (let i = 0; i < es.length; i += 3) pc.checkStep(es[i], es[i + 1], es[i + 2]);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  total += best;
  edges += es.length / 3;
  states += ss.length;
}
process.stdout.write(`${total.toFixed(3)} s, ${edges} edges, ${states} states, ${Math.round((total / edges) * 1e9)} ns/edge\n`);
