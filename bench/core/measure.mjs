// Measures the mm model core of one build: node bench/core/measure.mjs DIST ROUNDS [SCENARIO...]
// DIST is a built tree (tsc output, e.g. /tmp/mnc-old/dist). For each subject: distinct states,
// transitions, the best (warm) of ROUNDS wall times, states/s and bytes per state as the engine reports.
// Plain JS on purpose: the same file measures an old commit that has no bench/core.
import { loadBuild } from './loadBuild.mjs';

const [dist, roundsArg, ...names] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 3);
const { bfs, subjects } = await loadBuild(dist, names);
const out = [];
for (const s of subjects) {
  let best = Infinity;
  let r;
  for (let i = 0; i < rounds; i++) {
    const b = s.build();
    const t0 = process.hrtime.bigint();
    r = bfs(b.model, b.properties, { maxSeconds: Number(process.env.MAX_SECONDS ?? 600) });
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  out.push({
    subject: s.name,
    status: r.status,
    states: r.stats.distinctStates,
    transitions: r.stats.transitions,
    seconds: +best.toFixed(3),
    statesPerSecond: Math.round(r.stats.distinctStates / best),
    bytesPerState: r.stats.bytesPerState,
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
  });
}
process.stdout.write(JSON.stringify(out) + '\n');
