// Is a slow exploration the model's doing or the machine's? node bench/core/phases.mjs DIST ROUNDS SUBJECT
// Explores SUBJECT ROUNDS times in one process; after each exploration times two probes that do the same
// work every time: a pointer chase through 256 KB (memory-bound, fits in L2) and a multiply chain (arithmetic
// only). Prints the explorations' times in order (min of each block of 10) and, for the explorations within
// 30 % of the best and for the others, each probe's mean time. When the probes slow down with the model
// the machine is in a slow phase (likely another tenant on the same cores, bench/RESULTS.md Session 23); the
// arithmetic chain is latency-bound and barely feels it. Plain JS like measure.mjs.
import { loadBuild } from './loadBuild.mjs';

const [dist, roundsArg, name] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (!dist || !(rounds >= 20) || !name) {
  console.error('usage: node bench/core/phases.mjs DIST ROUNDS(>=20) SUBJECT');
  process.exit(2);
}
const { bfs, subjects } = await loadBuild(dist, [name]);
const [subject] = subjects;

const chain = new Int32Array(1 << 16);
for (let i = 0; i < chain.length; i++) chain[i] = (Math.imul(i, 0x9e3779b1) >>> 16) & (chain.length - 1);
const chase = () => {
  let j = 0;
  for (let i = 0; i < 200_000; i++) j = chain[(j + i) & (chain.length - 1)];
  return j;
};
const multiply = () => {
  let x = 1;
  for (let i = 0; i < 1_000_000; i++) x = (Math.imul(x, 0x9e3779b1) + i) | 0;
  return x;
};
const ms = (f) => {
  const t0 = process.hrtime.bigint();
  sink ^= f();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
let sink = 0;
const rows = [];
for (let k = 0; k < rounds; k++) {
  const { model, properties } = subject.build();
  const explore = ms(() => (bfs(model, properties, {}), 0));
  rows.push({ explore, chase: ms(chase), multiply: ms(multiply) });
}
const counted = rows.slice(Math.min(20, rows.length >> 2)); // the first explorations run before V8 has compiled the model
const best = Math.min(...counted.map((r) => r.explore));
const mean = (rs, f) => (rs.length ? (rs.reduce((a, r) => a + r[f], 0) / rs.length).toFixed(2) : '-');
const blocks = [];
for (let i = 0; i < counted.length; i += 10) blocks.push(Math.min(...counted.slice(i, i + 10).map((r) => r.explore)).toFixed(1));
console.log(`${name}: min per block of 10 explorations (ms): ${blocks.join(' ')}`);
for (const [label, rs] of [
  ['fast (within 30 % of the best)', counted.filter((r) => r.explore <= 1.3 * best)],
  ['slow', counted.filter((r) => r.explore > 1.3 * best)],
]) {
  console.log(`${label}: ${rs.length} explorations, mean ${mean(rs, 'explore')} ms; chase ${mean(rs, 'chase')} ms, multiply ${mean(rs, 'multiply')} ms`);
}
console.log(`probes' checksum ${sink} (printed so that V8 cannot drop their work)`);
