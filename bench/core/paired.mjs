// Two builds in one process, their explorations paired: node bench/core/paired.mjs OLD_DIST NEW_DIST ROUNDS [SUBJECT...]
// (bench/core/run.sh with PAIRED=1 builds OLD and calls this.)
//
// measure.mjs times each build in its own process, best of ROUNDS: on this shared machine two such
// runs of one build differ by 10 to 15 %, more than most changes measured against them (bench/RESULTS.md,
// Session 16). Here both builds are loaded in one process (two module graphs: no function, closure or
// type feedback is shared; the heap and V8's process-wide caches are), warmed WARM rounds each (env,
// default 10; with 2, and 6 pairs, a build against the same model code came out x1.20), then explored ROUNDS times in pairs,
// the order within a pair alternating: load from elsewhere hits a pair's two runs alike, and the speed
// ratio is taken per pair (old time / new time: above 1 when new is faster). Reported per subject: the
// median ratio with a distribution-free 95 % interval of the median (order statistics of the pairs'
// ratios), how many pairs new won, each build's median time and states/s at it; each build's counts are checked equal from run to run.
// The interval is this process's: V8 compiles each process differently, and one process's ratio has
// differed from the next's by up to 7 % (bench/RESULTS.md, Session 17), so run two or more.
//
// SAMPLE_MS=M: a sample of a build is as many explorations, back to back, as fill M ms, timed as their mean.
// The machine has phases of a second or more in which the model runs up to twice as slowly while a pure
// arithmetic loop does not (bench/RESULTS.md, Session 23): a new core's 15 ms exploration then falls in
// one phase and the old's 300 ms one spans several. With M at least the old's time, both samples of a pair
// last about as long and see the same phases. SAMPLE_MS=auto: per subject, after the warming, as long as the
// slower build's exploration (the median of three of each build's). WARM_SECONDS=W warms each build W seconds
// instead of WARM rounds.
// When the builds' counts differ (a model change between them), the ratio is of states per second and the
// line says COUNTS DIFFER; each build's own runs must still agree.
import { loadBuild } from './loadBuild.mjs';
import { sample, sampleMsOption, timedExplore } from './sample.mjs';

const [oldDist, newDist, roundsArg, ...names] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (!oldDist || !newDist || !(rounds >= 6) || names.length === 0) {
  console.error('usage: node bench/core/paired.mjs OLD_DIST NEW_DIST ROUNDS(>=6) SUBJECT...');
  process.exit(2);
}
const warm = Number(process.env.WARM ?? 10);
const builds = [await loadBuild(oldDist, names), await loadBuild(newDist, names)];

const sampleOption = sampleMsOption('paired.mjs', true);
const fixedSampleMs = sampleOption === 'auto' ? 0 : sampleOption;
const warmSeconds = Number(process.env.WARM_SECONDS ?? 0);

/** One exploration of subject i by build b: [milliseconds, result]. */
const explore = (b, i) => timedExplore(builds[b].bfs, builds[b].subjects[i]);

/** One sample of subject i by build b (sample.mjs): [mean milliseconds, the last result]. */
const run = (b, i, sampleMs) => sample(() => explore(b, i), sampleMs);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * The ranks (0-based, inclusive) of a distribution-free interval of the median of n sorted values
 * that covers it with probability at least 95 %: the largest k with 2 P(X <= k) <= 0.05, X ~
 * Binomial(n, 1/2), exactly (a normal approximation, used first, covered only 94.3 to 94.8 % at 60
 * and 80 pairs). Fewer than 6 pairs have no such k: the whole range.
 */
function medianInterval(n) {
  let p = 0.5 ** n; // P(X = 0)
  let cum = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    cum += p;
    if (2 * cum > 0.05) break;
    k = i;
    p = (p * (n - i)) / (i + 1);
  }
  return [k, n - 1 - k];
}

for (let i = 0; i < names.length; i++) {
  const name = builds[1].subjects[i].name;
  const counts = [undefined, undefined];
  if (warmSeconds > 0) {
    for (const b of [0, 1]) for (const t0 = process.hrtime.bigint(); Number(process.hrtime.bigint() - t0) / 1e9 < warmSeconds;) explore(b, i);
  } else for (let w = 0; w < warm; w++) for (const b of [0, 1]) run(b, i, fixedSampleMs);
  const sampleMs = sampleOption === 'auto' ? Math.max(...[0, 1].map((b) => median([0, 1, 2].map(() => explore(b, i)[0])))) : fixedSampleMs;
  const times = [[], []];
  for (let k = 0; k < rounds; k++) {
    for (const b of k % 2 ? [1, 0] : [0, 1]) {
      const [ms, r] = run(b, i, sampleMs);
      times[b].push(ms);
      const c = `${r.status} ${r.stats.distinctStates} ${r.stats.transitions}`;
      if (counts[b] === undefined) counts[b] = c;
      else if (c !== counts[b]) throw new Error(`${name}: build ${b ? 'new' : 'old'} explores differently from run to run (${counts[b]} against ${c})`);
    }
  }
  const states = counts.map((c) => Number(c.split(' ')[1]));
  // states per second new / old: old time / new time when the counts are equal
  const ratios = times[0].map((o, k) => o / states[0] / (times[1][k] / states[1])).sort((a, b) => a - b);
  const [lo, hi] = medianInterval(rounds);
  const perSecond = (b, ms) => Math.round(states[b] / (ms / 1000));
  const [mo, mn] = [median(times[0]), median(times[1])];
  const same = counts[0] === counts[1];
  console.log(
    `${name}: speed x${median(ratios).toFixed(3)} (95 % x${ratios[lo].toFixed(3)} to x${ratios[hi].toFixed(3)}), new faster in ${ratios.filter((r) => r > 1).length} of ${rounds} | ` +
      `old ${mo.toFixed(2)} ms ${perSecond(0, mo)}/s | new ${mn.toFixed(2)} ms ${perSecond(1, mn)}/s | ${same ? counts[0] : `COUNTS DIFFER: old ${counts[0]}, new ${counts[1]}`}${sampleMs > 0 ? ` | samples of ${sampleMs.toFixed(0)} ms` : ''}`,
  );
}
