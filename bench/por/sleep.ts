/**
 * Issue 11: the sleep sets (--sleep-sets, src/engine/por/SleepSets.ts) on the
 * subjects of run.ts (the ten largest site scenarios and two-mms-kvm-odp):
 * without reduction, with --por, and with --por --sleep-sets, in one run:
 * distinct states, transitions, and CPU seconds (user + system of this
 * process, each run once, in this order). Prints Markdown for bench/RESULTS.md.
 *
 *     npx tsx bench/por/sleep.ts
 */
import { bfs, type BfsOptions } from '../../src/engine/bfs.js';
import type { ExploreResult } from '../../src/engine/ExploreResult.js';
import { porSubjects } from './subjects.js';

const subjects = await porSubjects();
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const verdict = (r: ExploreResult) => `${r.status}${r.violations.length ? ` (${r.violations.map((v) => v.property).join(', ')})` : ''}`;
const modes: [string, BfsOptions][] = [
  ['plain', {}],
  ['--por', { por: true }],
  ['--por --sleep-sets', { por: true, sleepSets: true }],
];
const total = modes.map(() => ({ states: 0, transitions: 0, seconds: 0 }));
console.log(
  '| scenario | verdict (all three) | states | --por | --sleep-sets | transitions | --por | --sleep-sets | CPU s | --por | --sleep-sets | re-expanded | late |',
);
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const s of subjects) {
  const b = s.build();
  const rs = modes.map(([, o], i) => {
    const t = cpu();
    const r = bfs(b.model, b.properties, o);
    const x = cpu() - t;
    total[i]!.states += r.stats.distinctStates;
    total[i]!.transitions += r.stats.transitions;
    total[i]!.seconds += x;
    return { r, x };
  });
  const v = rs.map(({ r }) => verdict(r));
  const same = v.every((x) => x === v[0]) ? v[0] : `DIFFER: ${v.join(' / ')}`;
  const z = rs[2]!.r.stats.por!;
  const cells = [
    s.name,
    same,
    ...rs.map(({ r }) => r.stats.distinctStates),
    ...rs.map(({ r }) => r.stats.transitions),
    ...rs.map(({ x }) => x.toFixed(2)),
    z.reexpansions,
    z.lateStates,
  ];
  console.log(`| ${cells.join(' | ')} |`);
}
const ratio = (a: number, b: number) => `×${(a / b).toFixed(3)}`;
const [p, q, w] = total as [(typeof total)[0], (typeof total)[0], (typeof total)[0]];
const totals = [
  p.states,
  `${q.states} (${ratio(p.states, q.states)})`,
  `${w.states} (${ratio(p.states, w.states)})`,
  p.transitions,
  `${q.transitions} (${ratio(p.transitions, q.transitions)})`,
  `${w.transitions} (${ratio(p.transitions, w.transitions)})`,
  ...[p, q, w].map((t) => t.seconds.toFixed(1)),
];
console.log(`| **total** | | ${totals.join(' | ')} | | |`);
