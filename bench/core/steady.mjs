// Steady state of one process that builds and explores a subject again and again, as `mnc check` builds model after
// model: node bench/core/steady.mjs DIST ROUNDS SUBJECT (a site scenario id). Rounds 11 to ROUNDS count: their summed
// and mean wall time on the main thread, and the process's CPU time over them (V8's compiler and GC threads included),
// with the best round. A model that keeps V8 deoptimizing (a new hidden class in later rounds) shows here as a mean well
// above the best and CPU well above wall (bench/RESULTS.md, Session 15). Plain JS like measure.mjs.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [dist, roundsArg, name] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (!dist || !(rounds > 10) || !name) {
  console.error('usage: node bench/core/steady.mjs DIST ROUNDS(>10) SUBJECT');
  process.exit(2);
}
const imp = (p) => import(pathToFileURL(resolve(dist, p)).href);
const { siteChecks } = await imp('src/cli/api.js');
const { bfs } = await imp('src/engine/bfs.js');
const [check] = siteChecks({ profile: 'seed', scenario: name });
if (!check) throw new Error(`no site scenario ${name}`);
let wall = 0;
let best = Infinity;
let cpu0 = process.cpuUsage();
for (let i = 0; i < rounds; i++) {
  const b = check.build();
  const t0 = process.hrtime.bigint();
  bfs(b.model, b.properties, {});
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  best = Math.min(best, ms);
  if (i === 9) cpu0 = process.cpuUsage();
  if (i >= 10) wall += ms;
}
const cpu = process.cpuUsage(cpu0);
const n = rounds - 10;
console.log(
  JSON.stringify({
    subject: name,
    rounds: n,
    wallMs: +wall.toFixed(1),
    meanMs: +(wall / n).toFixed(2),
    bestMs: +best.toFixed(2),
    cpuMs: +((cpu.user + cpu.system) / 1000).toFixed(1),
  }),
);
