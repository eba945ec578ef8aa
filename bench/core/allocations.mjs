// Where a warm exploration allocates: node bench/core/allocations.mjs DIST ROUNDS SUBJECT [TOP]
// Explores SUBJECT 30 times to warm V8, then ROUNDS times under V8's sampling heap profiler with the objects the
// scavenger and the mark-compact collected kept in the samples (every allocation, not only what survives), one
// sample per 256 bytes on average. Prints the bytes allocated per transition in all and by the function that
// allocated them (the TOP largest, default 30). The young generation's collections (GC's share of a run) are paid
// per byte allocated and surviving. Plain JS like measure.mjs.
import { Session } from 'node:inspector/promises';
import { loadBuild } from './loadBuild.mjs';

const [dist, roundsArg, name, topArg] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (!dist || !(rounds > 0) || !name) {
  console.error('usage: node bench/core/allocations.mjs DIST ROUNDS SUBJECT [TOP]');
  process.exit(2);
}
const { bfs, subjects } = await loadBuild(dist, [name]);
const [subject] = subjects;
const explore = () => {
  const { model, properties } = subject.build();
  return bfs(model, properties, {}).stats.transitions;
};
for (let i = 0; i < 30; i++) explore();
const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 256,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
let transitions = 0;
for (let i = 0; i < rounds; i++) transitions += explore();
const { profile } = await session.post('HeapProfiler.stopSampling');
session.disconnect();
const byFunction = new Map();
let total = 0;
const visit = (node) => {
  const f = node.callFrame;
  const where = `${f.functionName || '(anon)'} ${f.url.replace(/^file:\/\/.*?\/(dist|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
  total += node.selfSize;
  byFunction.set(where, (byFunction.get(where) ?? 0) + node.selfSize);
  for (const c of node.children) visit(c);
};
visit(profile.head);
console.log(`${name}: ${(total / transitions).toFixed(0)} bytes allocated per transition (${transitions} transitions)`);
for (const [where, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 30))) {
  console.log(`${(bytes / transitions).toFixed(0).padStart(6)}  ${where}`);
}
