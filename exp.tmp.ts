import { SITE_SCENARIOS } from './model/sites/scenarios/index.js';
import { CATALOG } from './model/sites/catalog.js';
import { resolveScenario } from './model/scenario/resolveScenario.js';
import { buildMmCheck } from './src/cli/buildMmCheck.js';
import { bfs } from './src/engine/bfs.js';
let tot0 = 0, tot1 = 0;
const t0 = Date.now();
for (const x of SITE_SCENARIOS) {
  const sc = x.scenario;
  const last = sc.threads[sc.threads.length - 1]!;
  const doubled = { ...sc, threads: [...sc.threads, { ...last, name: `${last.name}2` }] };
  const r = resolveScenario(doubled, CATALOG, { profile: 'seed', overrides: [] });
  const b = buildMmCheck(r);
  const a = Date.now();
  const r0 = bfs(b.model, b.properties, { maxStates: 30000, allViolations: true });
  const r1 = bfs(b.model, b.properties, { maxStates: 30000, allViolations: true, symmetry: true });
  tot0 += r0.stats.distinctStates; tot1 += r1.stats.distinctStates;
  const v = (r: any) => r.violations.map((v: any) => v.property).sort().join(',');
  console.log(sc.name, last.op, !!b.model.representative, r0.status, r0.stats.distinctStates, r1.status, r1.stats.distinctStates, v(r0) === v(r1) ? 'same' : `DIFF ${v(r0)} | ${v(r1)}`, Date.now() - a, 'ms');
}
console.log(tot0, tot1, Date.now() - t0);
