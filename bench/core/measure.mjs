// Measures the mm model core of one build: node bench/core/measure.mjs DIST ROUNDS [SCENARIO...]
// DIST is a built tree (tsc output, e.g. /tmp/mnc-old/dist). For each subject: distinct states,
// transitions, the best (warm) of ROUNDS wall times, states/s and bytes per state as the engine reports.
// WARM_SECONDS=W: before the ROUNDS counted, explore the subject again and again for W seconds (uncounted), so that
// both builds are timed at V8's steady state whatever one round costs: a round of the new core takes ~15 ms, and
// its best of 15 still falls for 40 rounds, where the old core's (~250 ms) is steady by its third (RESULTS, Session 18).
// SAMPLE_MS=M: each of the ROUNDS is as many explorations as fill M ms, timed as their mean: with M at least the old
// core's time, both builds' best is taken over ROUNDS windows of about M ms (the machine's slow phases, Session 23).
// Plain JS on purpose: the same file measures an old commit that has no bench/core.
import { loadBuild } from './loadBuild.mjs';
import { sample, sampleMsOption, timedExplore } from './sample.mjs';

const [dist, roundsArg, ...names] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 3);
const { bfs, subjects } = await loadBuild(dist, names);
const out = [];
const warmSeconds = Number(process.env.WARM_SECONDS ?? 0);
/** SAMPLE_MS=M: a round is as many explorations as fill M ms, timed as their mean (sample.mjs). */
const sampleMs = sampleMsOption('measure.mjs', false);
for (const s of subjects) {
  let best = Infinity;
  let r;
  let warmRounds = 0;
  for (const t0 = process.hrtime.bigint(); Number(process.hrtime.bigint() - t0) / 1e9 < warmSeconds; warmRounds++) {
    const b = s.build();
    bfs(b.model, b.properties, {});
  }
  for (let i = 0; i < rounds; i++) {
    const [ms, last] = sample(() => timedExplore(bfs, s, { maxSeconds: Number(process.env.MAX_SECONDS ?? 600) }), sampleMs);
    r = last;
    best = Math.min(best, ms / 1000);
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
    warmRounds,
  });
}
process.stdout.write(JSON.stringify(out) + '\n');
