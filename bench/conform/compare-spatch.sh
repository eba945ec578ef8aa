#!/usr/bin/env bash
# Checks `mnc conform --tree` against Coccinelle on Debian's linux-source-6.1
# and times it against `grep -rn` over the same tree (issue 7).
#
# 1. Site lists: spatch with range-init.cocci (every call of
#    mmu_notifier_range_init{,_owner}, as FILE:LINE:FUNCTION) must equal mnc's
#    JSON `sites` (spatch's one extra match, the forwarding call inside the
#    header's own _owner helper, is not a site and is dropped by name).
# 2. Times, each the median of RUNS runs, warm page cache, same tree:
#    grep -rn NAME TREE; the whole `node dist/src/cli/mnc.js conform --tree`
#    (process start included); the scan inside it (report.stats.seconds);
#    and spatch once (it is ~30x slower). Wall and CPU (user+sys, all
#    threads) seconds: on a shared machine CPU time is the steadier number.
# Prints markdown rows for bench/RESULTS.md. Exit 1 when the lists differ.
#
# Usage: bench/conform/compare-spatch.sh [TREE]   (default: fetch-linux-6.1.sh's cache)
# Environment: RUNS (default 5), NO_SPATCH=1 skips spatch's timing (lists still compared).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tree=${1:-$(sh "$here/fetch-linux-6.1.sh" | tail -n 1)}
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v spatch >/dev/null || { echo "compare-spatch: installing Debian's coccinelle" >&2; apt-get update -q >/dev/null && apt-get install -y -q coccinelle >/dev/null; }
if [ ! -f "$root/dist/src/cli/mnc.js" ] || [ -n "$(find "$root/src" -newer "$root/dist/src/cli/mnc.js" -name '*.ts' | head -n 1)" ]; then
  (cd "$root" && npx tsc -p tsconfig.json >/dev/null) || echo "compare-spatch: tsc reported errors (see npm run build); using what it emitted" >&2
fi
mnc=(node "$root/dist/src/cli/mnc.js")

median() { sort -n | awk '{a[NR]=$1} END {m=int((NR+1)/2); printf "%.3f", a[m]}'; }
wall() { awk '{print $1}' "$1" | median; }
cpu() { awk '{print $2 + $3}' "$1" | median; }

# warm the page cache once
grep -rn mmu_notifier_range_init "$tree" >/dev/null || true

TIMEFORMAT='%R %U %S'
: > "$work/grep.t"; : > "$work/mnc.t"; : > "$work/scan.t"
for _ in $(seq "$runs"); do
  { time grep -rn mmu_notifier_range_init "$tree" > "$work/grep.out" || true; } 2>> "$work/grep.t"
  { time "${mnc[@]}" conform --tree "$tree" --no-model --format json --output "$work/mnc.json" || true; } 2>> "$work/mnc.t"
  node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1])).stats.seconds)+"\n")' "$work/mnc.json" >> "$work/scan.t"
done

{ time (cd "$tree" && spatch --sp-file "$here/range-init.cocci" --dir . --include-headers --very-quiet > "$work/spatch.out" 2>"$work/spatch.err"); } 2> "$work/spatch.t"

sed 's#^\./##' "$work/spatch.out" | awk -F: '$3 !~ /^mmu_notifier_range_init/' | sort > "$work/spatch.sites"
node -e 'for (const s of JSON.parse(require("fs").readFileSync(process.argv[1])).sites) console.log(`${s.file}:${s.line}:${s.function}`)' "$work/mnc.json" | sort > "$work/mnc.sites"

files=$(find "$tree" -type f \( -name '*.c' -o -name '*.h' \) | wc -l)
bytes=$(find "$tree" -type f \( -name '*.c' -o -name '*.h' \) -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s/1048576}')
echo "tree: $tree ($files C files and headers, $bytes MiB); runs: $runs (median)"
echo
echo "| tool | command | sites | wall s | CPU s (user+sys) |"
echo "|---|---|---|---|---|"
echo "| grep | \`grep -rn mmu_notifier_range_init TREE\` | $(wc -l < "$work/grep.out") lines | $(wall "$work/grep.t") | $(cpu "$work/grep.t") |"
echo "| mnc (whole process) | \`node dist/src/cli/mnc.js conform --tree TREE --no-model --format json\` | $(wc -l < "$work/mnc.sites") | $(wall "$work/mnc.t") | $(cpu "$work/mnc.t") |"
echo "| mnc (scan, in process) | report \`stats.seconds\` | $(wc -l < "$work/mnc.sites") | $(median < "$work/scan.t") | |"
echo "| spatch $(spatch --version | head -n 1 | awk '{print $3}') | \`spatch --sp-file bench/conform/range-init.cocci --dir TREE --include-headers\` | $(wc -l < "$work/spatch.sites") | $(wall "$work/spatch.t") | $(cpu "$work/spatch.t") |"
echo
if diff -u "$work/spatch.sites" "$work/mnc.sites" > "$work/diff"; then
  echo "site lists: equal ($(wc -l < "$work/mnc.sites") sites, FILE:LINE:FUNCTION)"
else
  echo "site lists DIFFER (spatch vs mnc):"; cat "$work/diff"; exit 1
fi
