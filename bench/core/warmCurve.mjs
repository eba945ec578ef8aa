// How many rounds a build needs before its best round stops falling (V8 still compiling):
//   node bench/core/warmCurve.mjs DIST ROUNDS SUBJECT...
// For each subject, ROUNDS explorations in one process; prints the best round of each ten, in ms.
// The new core's rounds (~15 ms) keep getting faster for about 40 rounds; the old core's (~250 ms)
// are steady by its second ten. So measure.mjs's best of 15 times the new core before it is warm,
// and run.sh takes WARM_SECONDS to warm both for the same wall time (bench/RESULTS.md, Session 18).
// Plain JS like measure.mjs.
import { loadBuild } from './loadBuild.mjs';

const [dist, roundsArg, ...names] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (!dist || !(rounds >= 10) || names.length === 0) {
  console.error('usage: node bench/core/warmCurve.mjs DIST ROUNDS(>=10) SUBJECT...');
  process.exit(2);
}
const { bfs, subjects } = await loadBuild(dist, names);
for (const s of subjects) {
  const ms = [];
  for (let i = 0; i < rounds; i++) {
    const b = s.build();
    const t0 = process.hrtime.bigint();
    bfs(b.model, b.properties, {});
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const tens = [];
  for (let i = 0; i < ms.length; i += 10) tens.push(Math.min(...ms.slice(i, i + 10)).toFixed(1));
  console.log(`${s.name}: best of each ten rounds (ms): ${tens.join(' ')}`);
}
