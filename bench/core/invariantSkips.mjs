// How often an invariant judged after its parent (Invariant.checkAfter, properties/view/invariantParts.ts) skips its
// check: every new state of a breadth-first exploration with the state it was found from; per invariant, the share of
// new states whose parts are all the parent's objects; and, for comparison, the share a one-entry memo of the last
// state checked would skip (the same parts, compared with the previous new state):
//   node bench/core/invariantSkips.mjs DIST SUBJECT...
// Plain JS like measure.mjs (bench/RESULTS.md, Session 21).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { loadBuild } from './loadBuild.mjs';

const [dist, ...names] = process.argv.slice(2);
if (!dist || names.length === 0) {
  console.error('usage: node bench/core/invariantSkips.mjs DIST SUBJECT...');
  process.exit(2);
}
const { bfs, subjects } = await loadBuild(dist, names);
const { partsDiffer } = await import(pathToFileURL(resolve(dist, 'properties/view/invariantParts.js')).href);
for (const s of subjects) {
  const { model, properties } = s.build();
  const states = [];
  const parents = [];
  let from;
  const record = [
    { name: 'bench-edge', description: 'records', kind: 'step', check: (prev) => void (from = prev) },
    { name: 'bench-state', description: 'records', kind: 'invariant', check: (st) => void (states.push(st), parents.push(from)) },
  ];
  bfs(model, [...record, ...properties], {});
  const share = (parts, against) => {
    let same = 0;
    for (let i = 1; i < states.length; i++) if (!partsDiffer(states[i], against(i), parts)) same++;
    return `${((100 * same) / (states.length - 1)).toFixed(0)} %`;
  };
  const rows = properties
    .filter((p) => p.kind === 'invariant' && typeof p.parts === 'number')
    .map((p) => `${p.name} ${share(p.parts, (i) => parents[i])} (last state checked: ${share(p.parts, (i) => states[i - 1])})`);
  console.log(`${s.name}: ${states.length} states; skipped after the parent: ${rows.join(', ')}`);
}
