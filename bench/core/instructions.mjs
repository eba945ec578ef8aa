// Instructions per exploration, counted by valgrind: a measure that the machine's load does not move.
//   node bench/core/instructions.mjs WARM ROUNDS SUBJECT DIST...
// For each DIST (a built tree: tsc output, an old commit's in a worktree beside), runs
// bench/core/measure.mjs under `valgrind --tool=cachegrind --cache-sim=no` twice, side by side,
// with WARM and with WARM + ROUNDS explorations of SUBJECT, on V8 in --predictable mode (one
// thread each: the compiler and the GC run on the main thread; a fixed GC schedule and seeds), and
// reports (I(WARM + ROUNDS) - I(WARM)) / ROUNDS instructions per exploration: node's start, loading
// the modules and the first WARM explorations (where V8 compiles the hot code) left out.
// It counts instructions, not time: a change that trades instructions for cache misses (or the
// other way round) shows here as it does not in seconds, and V8 in this mode is not V8 as mnc
// runs (bench/RESULTS.md, Session 8: how far two runs of one build agree). Wall time on this
// shared machine moves by 25 to 50 % between runs of one build. Needs valgrind.
// WARM: 6 or more on the site scenarios. With 2, V8 is still compiling in the counted rounds (about 400 M
// instructions an exploration of ksm-merge-vs-kvm-write against 265 M with 6), and a build's count then
// moves by more than the changes measured; even with 6 it moves by 3 to 5 % (RESULTS, Session 16).
// Plain JS on purpose: the same file measures an old commit that has no bench/core.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const [warmArg, roundsArg, subject, ...dists] = process.argv.slice(2);
const warm = Number(warmArg);
const rounds = Number(roundsArg);
if (!(warm >= 1) || !(rounds >= 1) || !subject || dists.length === 0) {
  console.error('usage: node bench/core/instructions.mjs WARM(>=1) ROUNDS(>=1) SUBJECT DIST...');
  process.exit(2);
}
/** One thread, a fixed GC schedule and fixed seeds: the same run, the same count. */
const V8_FLAGS = ['--predictable', '--predictable-gc-schedule', '--hash-seed=1', '--random-seed=1'];
const measure = fileURLToPath(new URL('./measure.mjs', import.meta.url));

const rows = [];
for (const dist of dists) {
  // the two runs side by side: --predictable keeps each on one core
  const [one, many] = await Promise.all([instructionsOf(dist, warm), instructionsOf(dist, warm + rounds)]);
  if (one.result.states !== many.result.states || one.result.transitions !== many.result.transitions) {
    console.error(`instructions: the two runs on ${dist} explored different graphs`);
    process.exit(1);
  }
  rows.push({ dist, states: many.result.states, transitions: many.result.transitions, perExploration: (many.refs - one.refs) / rounds });
}

/** Instructions (cachegrind's `I refs`, its log sent to stdout) of one process measuring `n` explorations, and its result. */
async function instructionsOf(dist, n) {
  const args = ['--tool=cachegrind', '--cache-sim=no', '--smc-check=all-non-file', '--cachegrind-out-file=/dev/null', '--log-fd=1'];
  let out;
  try {
    ({ stdout: out } = await promisify(execFile)('valgrind', [...args, process.execPath, ...V8_FLAGS, measure, resolve(dist), String(n), subject], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    }));
  } catch (e) {
    console.error(
      `instructions: valgrind on ${dist} failed: ${String(e.stderr ?? e.message)
        .trim()
        .split('\n')
        .slice(-2)
        .join(' ')}`,
    );
    process.exit(1);
  }
  const refs = /I\s+refs:\s+([\d,]+)/.exec(out);
  const json = out.split('\n').find((l) => l.startsWith('[{'));
  if (!refs || !json) {
    console.error(`instructions: no count or no result from ${dist}`);
    process.exit(1);
  }
  return { refs: Number(refs[1].replaceAll(',', '')), result: JSON.parse(json)[0] };
}

const base = rows[0].perExploration;
for (const r of rows) {
  const m = (r.perExploration / 1e6).toFixed(1);
  const perTransition = Math.round(r.perExploration / r.transitions);
  console.log(
    `${r.dist}: ${subject} ${r.states} states ${r.transitions} transitions: ${m} M instructions an exploration, ${perTransition} a transition, x${(base / r.perExploration).toFixed(3)} of the first`,
  );
}
