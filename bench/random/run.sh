#!/usr/bin/env bash
# Random-exploration benchmark (issue 6): bench/random/detect.ts, built into a
# private folder so that it neither needs nor disturbs dist/.
# Usage: bench/random/run.sh [SEEDS] [MAX_RUNS] [MAX_SECONDS] [GROUP,...]
#   (default 7 seeds, 100000 runs, 30 s per random check, groups toys,kvm,mutants)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
for a in "${@:1:3}"; do [[ $a =~ ^[0-9]+$ ]] || { echo "run.sh: bad argument '$a' (expected a number)" >&2; exit 2; }; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$root/node_modules" "$work/node_modules"
# Others' unfinished files may make tsc complain; the emitted JS is used.
(cd "$root" && npx tsc -p tsconfig.json --outDir "$work/dist" >/dev/null 2>&1) || echo "run.sh: warning: tsc reported errors; using what it emitted" >&2
node "$work/dist/bench/random/detect.js" "$@"
