#!/usr/bin/env bash
# mnc check (the main job) with 1 worker thread (in-process) and with N:
# wall and CPU time, peak memory, and whether the rows agree minus times.
# Usage (from the repository root, after `npm run build`):
#   bench/check/run.sh [N...]        default: 1 2
set -euo pipefail
cd "$(dirname "$0")/../.."
jobs=("${@:-1}")
[ $# -eq 0 ] && jobs=(1 2)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for j in "${jobs[@]}"; do
  /usr/bin/time -f "--jobs $j: %e s wall, %U s user, %S s sys, %M KB peak RSS" \
    node dist/src/cli/mnc.js check --jobs "$j" --json > "$tmp/$j.json" || true
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
node -e '
const fs = require("fs");
const [dir, ...js] = process.argv.slice(1);
const rows = js.map((j) => JSON.parse(fs.readFileSync(`${dir}/${j}.json`, "utf8")));
const strip = (r) => JSON.stringify(r.map((x) => ({ ...x, seconds: 0 })));
const first = rows[0];
console.log(`${first.length} scenarios, ${first.reduce((t, x) => t + x.distinctStates, 0)} distinct states in all, ${first.filter((x) => !x.matches).length} unexpected`);
console.log(`rows identical minus times for --jobs ${js.join(", ")}: ${rows.every((r) => strip(r) === strip(first))}`);
const top = [...first].sort((a, b) => b.seconds - a.seconds).slice(0, 3);
console.log("slowest (--jobs " + js[0] + "): " + top.map((x) => `${x.scenario} ${x.distinctStates} states ${x.seconds.toFixed(2)} s`).join("; "));
' "$tmp" "${jobs[@]}"
