#!/usr/bin/env bash
# Old and new model core side by side, in one run (bench/RESULTS.md, "mm model core v2"):
#   bench/core/run.sh OLD_COMMIT [ROUNDS]
# builds OLD_COMMIT in a temporary worktree beside this tree, then measures both on the same
# subjects, alternating old/new per subject so that load on the machine hits both alike.
# PAIRED=1: both builds in one process, ROUNDS (>= 6) runs each in pairs (paired.mjs): a median
# ratio with a 95 % interval, for changes smaller than the 10 to 15 % two separate runs differ by;
# PROCS such processes (default 2), since a process's ratio can differ from the next's by a few per cent.
# WARM_SECONDS=W: each build explores each subject for W seconds, uncounted, before its ROUNDS (measure.mjs, paired.mjs).
# SAMPLE_MS=M: a sample (a round) of a build is as many explorations as fill M ms (paired.mjs, measure.mjs): with M at least the
#   old build's exploration time, the two samples of a pair last alike and meet the machine's slow phases alike (Session 23);
#   SAMPLE_MS=auto (with PAIRED): per subject, as long as the slower build's exploration. Issue 10's measure, paired:
#   PAIRED=1 SAMPLE_MS=auto WARM_SECONDS=4 bench/core/run.sh a9891b7 30
# REPEAT=R (not with PAIRED): the comparison R times, then each subject's median ratio; issue 10's measure as Session 18
#   defined it: WARM_SECONDS=4 REPEAT=5 bench/core/run.sh a9891b7 15 (biased against the faster build: Session 23).
set -euo pipefail
old=${1:?usage: bench/core/run.sh OLD_COMMIT [ROUNDS]}
rounds=${2:-3}
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'git -C "$here" worktree remove --force "$tmp/old" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git -C "$here" worktree add -q --detach "$tmp/old" "$old"
ln -s "$here/node_modules" "$tmp/old/node_modules"
(cd "$tmp/old" && npx tsc -p tsconfig.json --outDir "$tmp/old/dist")
(cd "$here" && npx tsc -p tsconfig.json)
subjects=(${SUBJECTS:-model/scenario/examples/two-mms-kvm-odp.json ksm-merge-vs-kvm-write ksm-merge-vs-odp-write migrate-vma-hole-vs-kvm-read})
echo "machine: $(nproc) cores, $(node -v), load $(cut -d' ' -f1-3 /proc/loadavg); old $(git -C "$here" rev-parse --short "$old"), new $(git -C "$here" rev-parse --short HEAD)$(git -C "$here" diff --quiet || echo '+dirty')"
if [ "${PAIRED:-}" = 1 ]; then
  # both builds in one process, their runs paired (paired.mjs): a ratio with its 95 % interval; scenario files are read from this tree
  # PROCS processes (default 2): one process's ratio can differ from the next's by several per cent (V8's compiling)
  for _ in $(seq "${PROCS:-2}"); do (cd "$here" && node bench/core/paired.mjs "$tmp/old/dist" "$here/dist" "$rounds" "${subjects[@]}"); done
  exit
fi
# REPEAT=R (default 1): the whole comparison R times, subject by subject in turn; then each subject's median ratio
ratios=$tmp/ratios
for _ in $(seq "${REPEAT:-1}"); do
  for s in "${subjects[@]}"; do
    o=$(cd "$tmp/old" && node "$here/bench/core/measure.mjs" "$tmp/old/dist" "$rounds" "$s")
    n=$(cd "$here" && node bench/core/measure.mjs "$here/dist" "$rounds" "$s")
    node -e '
      const [o] = JSON.parse(process.argv[1]); const [n] = JSON.parse(process.argv[2]);
      const same = o.states === n.states && o.transitions === n.transitions && o.status === n.status;
      const w = (m) => (m.warmRounds ? ` after ${m.warmRounds} warm rounds` : "");
      const x = n.statesPerSecond / o.statesPerSecond;
      console.log(`${o.subject}: old ${o.states} st ${o.seconds}s ${o.statesPerSecond}/s ${o.bytesPerState.toFixed(0)} B/st${w(o)} | new ${n.states} st ${n.seconds}s ${n.statesPerSecond}/s ${n.bytesPerState.toFixed(0)} B/st${w(n)} | speed x${x.toFixed(2)}${same ? "" : " COUNTS DIFFER"}`);
      require("node:fs").appendFileSync(process.argv[3], `${o.subject} ${x}\n`);
    ' "$o" "$n" "$ratios"
  done
done
if [ "${REPEAT:-1}" -gt 1 ]; then
  node -e '
    const by = new Map();
    for (const l of require("node:fs").readFileSync(process.argv[1], "utf8").trim().split("\n")) {
      const [s, x] = l.split(" ");
      by.set(s, [...(by.get(s) ?? []), Number(x)]);
    }
    for (const [s, xs] of by) {
      const v = [...xs].sort((a, b) => a - b);
      const m = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      console.log(`${s}: median speed x${m.toFixed(2)} of ${v.length} (${xs.map((x) => "x" + x.toFixed(2)).join(", ")})`);
    }
  ' "$ratios"
fi
