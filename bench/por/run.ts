/**
 * Issue 11: the partial-order reduction (--por) on the ten largest site
 * scenarios (by their pinned distinct states, seed events) and on the
 * two-mms-kvm-odp example, with and without it, in one run: distinct states,
 * transitions, seconds, and why ample sets were refused (the first refused
 * action of each thread at each state, by reason). Prints Markdown for
 * bench/RESULTS.md.
 *
 *     npx tsx bench/por/run.ts
 */
import { bfs } from '../../src/engine/bfs.js';
import type { ExploreResult } from '../../src/engine/ExploreResult.js';
import type { MmPartialOrder } from '../../model/mmPartialOrder.js';
import { porSubjects } from './subjects.js';

const subjects = await porSubjects();
const timed = (f: () => ExploreResult): [ExploreResult, number] => {
  const t = process.hrtime.bigint();
  const r = f();
  return [r, Number(process.hrtime.bigint() - t) / 1e9];
};
const verdict = (r: ExploreResult) => `${r.status}${r.violations.length ? ` (${r.violations.map((v) => v.property).join(', ')})` : ''}`;

const why = new Map<string, number>();
const localReads = new Set<string>();
const total = { s0: 0, s1: 0, t0: 0, t1: 0, x0: 0, x1: 0 };
console.log('| scenario | verdict (both) | states | states --por | transitions | transitions --por | s | s --por | ample states | pruned |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const s of subjects) {
  const b = s.build();
  const [plain, x0] = timed(() => bfs(b.model, b.properties));
  const [por, x1] = timed(() => bfs(b.model, b.properties, { por: true, porExplain: why }));
  const same = verdict(plain) === verdict(por) ? verdict(plain) : `DIFFER: ${verdict(plain)} / ${verdict(por)}`;
  const p = por.stats.por!;
  for (const x of (b.model as unknown as { partialOrder: MmPartialOrder }).partialOrder.localReads) localReads.add(x);
  const cells = [
    s.name,
    same,
    plain.stats.distinctStates,
    por.stats.distinctStates,
    plain.stats.transitions,
    por.stats.transitions,
    x0.toFixed(2),
    x1.toFixed(2),
    p.reducedStates,
    p.prunedTransitions,
  ];
  console.log(`| ${cells.join(' | ')} |`);
  total.s0 += plain.stats.distinctStates;
  total.s1 += por.stats.distinctStates;
  total.t0 += plain.stats.transitions;
  total.t1 += por.stats.transitions;
  total.x0 += x0;
  total.x1 += x1;
}
const totals = [
  total.s0,
  `${total.s1} (×${(total.s0 / total.s1).toFixed(3)})`,
  total.t0,
  `${total.t1} (×${(total.t0 / total.t1).toFixed(3)})`,
  total.x0.toFixed(1),
  total.x1.toFixed(1),
];
console.log(`| **total** | | ${totals.join(' | ')} | | |`);
console.log('\nWhy ample sets were refused (first refused action per thread per state; N = any index):\n');
console.log('| reason | count |');
console.log('|---|---:|');
for (const [k, v] of [...why].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`| ${k.replace(/\|/g, '\\|')} | ${v} |`);
console.log('\nLocal steps seen reading shared state (chained by runStep; each read checked a left mover by model/mm/footprint/chainedReads.ts):\n');
for (const x of [...localReads].sort()) console.log(`- ${x}`);
