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
// ratios), how many pairs new won, each build's median time and states/s at it; counts are checked equal.
// The interval is this process's: V8 compiles each process differently, and one process's ratio has
// differed from the next's by up to 7 % (bench/RESULTS.md, Session 17), so run two or more.
import { loadBuild } from './loadBuild.mjs';

const [oldDist, newDist, roundsArg, ...names] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (!oldDist || !newDist || !(rounds >= 6) || names.length === 0) {
  console.error('usage: node bench/core/paired.mjs OLD_DIST NEW_DIST ROUNDS(>=6) SUBJECT...');
  process.exit(2);
}
const warm = Number(process.env.WARM ?? 10);
const builds = [await loadBuild(oldDist, names), await loadBuild(newDist, names)];

/** One exploration of subject i by build b: [milliseconds, result]. */
function run(b, i) {
  const { bfs, subjects } = builds[b];
  const { model, properties } = subjects[i].build();
  const t0 = process.hrtime.bigint();
  const r = bfs(model, properties, {});
  return [Number(process.hrtime.bigint() - t0) / 1e6, r];
}

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
  let counts;
  for (let w = 0; w < warm; w++) for (const b of [0, 1]) run(b, i);
  const times = [[], []];
  for (let k = 0; k < rounds; k++) {
    for (const b of k % 2 ? [1, 0] : [0, 1]) {
      const [ms, r] = run(b, i);
      times[b].push(ms);
      const c = `${r.status} ${r.stats.distinctStates} ${r.stats.transitions}`;
      if (b === 0 && k === 0) counts = c;
      else if (c !== counts) throw new Error(`${name}: the builds explore differently (${counts} against ${c})`);
    }
  }
  const ratios = times[0].map((o, k) => o / times[1][k]).sort((a, b) => a - b);
  const [lo, hi] = medianInterval(rounds);
  const states = Number(counts.split(' ')[1]);
  const perSecond = (ms) => Math.round(states / (ms / 1000));
  const [mo, mn] = [median(times[0]), median(times[1])];
  console.log(
    `${name}: speed x${median(ratios).toFixed(3)} (95 % x${ratios[lo].toFixed(3)} to x${ratios[hi].toFixed(3)}), new faster in ${ratios.filter((r) => r > 1).length} of ${rounds} | ` +
      `old ${mo.toFixed(2)} ms ${perSecond(mo)}/s | new ${mn.toFixed(2)} ms ${perSecond(mn)}/s | ${counts}`,
  );
}
