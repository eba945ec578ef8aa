// What the contract's properties cost inside a warm exploration: each subject explored again and again in one process,
// with every property, without the step properties, without the invariants, and with none, the four in turn each
// round (so that load and V8's state hit all alike); the best of ROUNDS each, in ms, and the share of the full run:
//   node bench/core/propertyShare.mjs DIST ROUNDS SUBJECT...
// Measured in place, not on recorded states: a property checked on recorded edges reads states long out of cache,
// and its time there is not its time in a run (bench/RESULTS.md, Session 21). Plain JS like measure.mjs.
import { loadBuild } from './loadBuild.mjs';

const [dist, roundsArg, ...names] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (!dist || !(rounds > 0) || names.length === 0) {
  console.error('usage: node bench/core/propertyShare.mjs DIST ROUNDS SUBJECT...');
  process.exit(2);
}
const { bfs, subjects } = await loadBuild(dist, names);
const variants = {
  all: (ps) => ps,
  'no step properties': (ps) => ps.filter((p) => p.kind !== 'step'),
  'no invariants': (ps) => ps.filter((p) => p.kind !== 'invariant'),
  none: () => [],
};
for (const s of subjects) {
  const best = Object.fromEntries(Object.keys(variants).map((k) => [k, Infinity]));
  for (let r = 0; r < rounds; r++) {
    for (const [k, pick] of Object.entries(variants)) {
      const { model, properties } = s.build();
      const props = pick(properties);
      const t = process.hrtime.bigint();
      bfs(model, props, {});
      best[k] = Math.min(best[k], Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  const all = best.all;
  const row = Object.entries(best).map(([k, ms]) => `${k} ${ms.toFixed(2)} ms${k === 'all' ? '' : ` (${(((all - ms) / all) * 100).toFixed(0)} % less)`}`);
  console.log(`${s.name}: ${row.join(', ')}`);
}
