// CPU time of every seed site scenario built and explored in one process, best of ROUNDS:
//   node bench/core/allSites.mjs DIST [ROUNDS]
// DIST is a built tree (tsc output). Run it alternately on two builds, several times each, and compare the medians
// (bench/RESULTS.md, session 4): in-process rounds warm V8 up, separate processes spread the machine's noise.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [dist, roundsArg] = process.argv.slice(2);
const imp = (p) => import(pathToFileURL(resolve(dist, p)).href);
// the public API's siteChecks; an old commit (a9891b7, measured beside) exports it from its own module only
const api = await imp('src/cli/api.js');
const { siteChecks } = api.siteChecks ? api : await imp('src/cli/siteChecks.js');
const { bfs } = await imp('src/engine/bfs.js');
const checks = siteChecks({ profile: 'seed' });
const rounds = Number(roundsArg ?? 3);
let best = Infinity;
for (let r = 0; r < rounds; r++) {
  const c0 = process.cpuUsage();
  for (const c of checks) {
    const x = c.build();
    bfs(x.model, x.properties, {});
  }
  const u = process.cpuUsage(c0);
  best = Math.min(best, (u.user + u.system) / 1e6);
}
process.stdout.write(`${best.toFixed(3)}\n`);
