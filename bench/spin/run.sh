#!/usr/bin/env bash
# Cross-checks mnc against SPIN on kvm-race(P, F, Z, M) (bench/spin/kvm-race.md).
#
# For each size: generates the Promela twin (gen.sh), compiles pan with reductions off
# (-DNOREDUCE; then also -DCOLLAPSE and -DHC4, which only change how states are stored),
# runs it, and runs `mnc explore kvm-race --json` on the same size. Prints one markdown
# table row per run: stored states, transitions, time, memory. Then, for the nocount
# variant, SPIN's shortest counterexample (-DBFS, and -DREACH -i) next to mnc's BFS trace.
#
# Offsets (see bench/RESULTS.md): SPIN's "states, stored" equal mnc's distinct states;
# SPIN's "transitions" (= stored + matched) are mnc's transitions + 1, since SPIN counts the
# initial state as stored without a transition into it.
#
# Usage: bench/spin/run.sh [P,F,Z,M ...]   (default: the five sizes of the spec)
# Environment: KEEP=dir keeps the generated models and logs there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2,2,1,0 2,2,1,1 3,3,1,1 3,3,2,1 4,3,2,1)
for s in "${sizes[@]}"; do
  [[ $s =~ ^[0-9]+,[0-9]+,[0-9]+,[0-9]+$ ]] || { echo "run.sh: bad size '$s' (expected P,F,Z,M)" >&2; exit 2; }
done

if ! command -v spin >/dev/null; then
  echo "run.sh: installing Debian's spin" >&2
  apt-get update >/dev/null && apt-get install -y spin >/dev/null
fi
command -v gcc >/dev/null || { echo "run.sh: gcc is needed to compile pan" >&2; exit 2; }

# mnc: build once (others' unfinished files may make tsc complain; the emitted JS is used).
(cd "$root" && npm run build >/dev/null 2>&1) || echo "run.sh: warning: 'npm run build' reported errors; using what it emitted" >&2
mnc="$root/dist/src/cli/mnc.js"
[ -f "$mnc" ] || { echo "run.sh: $mnc is missing after the build" >&2; exit 2; }

work=${KEEP:-$(mktemp -d)}
mkdir -p "$work"
TIME=/usr/bin/time
[ -x $TIME ] || TIME=""

# field NAME FILE: the number SPIN prints before/after NAME in its summary.
spin_field() {
  case $1 in
    stored) awk '/states, stored$/ {print $1; exit}' "$2" ;;
    transitions) awk '/transitions \(= stored\+matched\)/ {print $1; exit}' "$2" ;;
    seconds) awk '/^pan: elapsed time/ {print $4; exit}' "$2" ;;
    memory) awk '/total actual memory usage/ {print $1; exit}' "$2" ;;
    errors) sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$2" | head -1 ;;
  esac
}

# rss FILE: peak resident set size in MB from /usr/bin/time -f '%M' (last line), or '-'.
rss() { if [ -n "$TIME" ]; then awk 'END {printf "%.0f", $1 / 1024}' "$1"; else echo -; fi; }

timed() { # timed LOG -- command...: runs it, stdout to LOG, peak RSS (kB) to LOG.rss
  local log=$1; shift
  if [ -n "$TIME" ]; then $TIME -f '%M' -o "$log.rss" "$@" >"$log" 2>&1 || true
  else "$@" >"$log" 2>&1 || true; fi
}

# mnc_json LOG EXPR: a field of mnc's --json output (a JS expression over `r`).
mnc_json() { node -e "const r = JSON.parse(require('fs').readFileSync(process.argv[1], 'utf8')); console.log($2)" "$1"; }

# twin SIZE VARIANT: sets P F Z M, the folder d and the hash size w; writes the Promela twin
# into $d and translates it to pan.c.
twin() {
  IFS=, read -r P F Z M <<<"$1"
  d="$work/$P-$F-$Z-$M-$2"
  mkdir -p "$d"
  "$here/gen.sh" "$P" "$F" "$Z" "$M" "$2" >"$d/kvm-race.pml"
  (cd "$d" && spin -a kvm-race.pml >/dev/null)
  # Hash table slots: 2^w; big enough that chaining stays short on the large sizes.
  if [ "$Z" -ge 2 ]; then w=26; else w=24; fi
}

echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ {print $2}') GB; spin $(spin -V | awk '{print $3}'), gcc $(gcc -dumpversion), node $(node --version)"
echo
echo "| size (P,F,Z,M) | tool | stored states | transitions | time (s) | states/s | memory (MB) | agrees |"
echo "|---|---|---:|---:|---:|---:|---:|---|"
for s in "${sizes[@]}"; do
  twin "$s" count
  stored=""
  for cfg in NOREDUCE NOREDUCE+COLLAPSE NOREDUCE+HC4; do
    flags="-DNOREDUCE -DSAFETY -DMEMLIM=16000"
    case $cfg in *COLLAPSE) flags="$flags -DCOLLAPSE" ;; *HC4) flags="$flags -DHC4" ;; esac
    (cd "$d" && gcc -O2 $flags -o "pan-$cfg" pan.c)
    timed "$d/spin-$cfg.log" sh -c "cd '$d' && ./pan-$cfg -m1000000 -w$w"
    st=$(spin_field stored "$d/spin-$cfg.log"); tr=$(spin_field transitions "$d/spin-$cfg.log")
    sec=$(spin_field seconds "$d/spin-$cfg.log"); mem=$(spin_field memory "$d/spin-$cfg.log")
    err=$(spin_field errors "$d/spin-$cfg.log")
    grep -q 'max search depth too small' "$d/spin-$cfg.log" && err="depth-limit"
    [ -n "$stored" ] || stored=$st
    rate=$(awk -v n="$st" -v t="$sec" 'BEGIN { if (t > 0) printf "%.0f", n / t; else print "-" }')
    note="errors: $err"; [ "$cfg" = NOREDUCE+HC4 ] && note="$note (HC4 is hash-compact: may lose states)"
    echo "| $P,$F,$Z,$M | SPIN $cfg -w$w | $st | $tr | $sec | $rate | $mem (RSS $(rss "$d/spin-$cfg.log.rss")) | $note |"
  done
  timed "$d/mnc.json" node "$mnc" explore kvm-race --set "P=$P" --set "F=$F" --set "Z=$Z" --set "M=$M" --json
  if mnc_json "$d/mnc.json" 'r.status' >/dev/null 2>&1; then
    mst=$(mnc_json "$d/mnc.json" 'r.distinctStates'); mtr=$(mnc_json "$d/mnc.json" 'r.transitions')
    agree="no"; [ "$mst" = "$stored" ] && [ $((mtr + 1)) = "$(spin_field transitions "$d/spin-NOREDUCE.log")" ] && agree="yes (transitions + 1)"
    echo "| $P,$F,$Z,$M | mnc BFS | $mst | $mtr | $(mnc_json "$d/mnc.json" 'r.seconds') | $(mnc_json "$d/mnc.json" 'r.statesPerSecond') | RSS $(rss "$d/mnc.json.rss"), $(mnc_json "$d/mnc.json" 'r.bytesPerState') B/state stored | $(mnc_json "$d/mnc.json" 'r.status'); $agree |"
  else
    echo "| $P,$F,$Z,$M | mnc BFS | - | - | - | - | - | failed: $(head -c 200 "$d/mnc.json" | tr '\n' ' ') |"
  fi
done

echo
echo "nocount: shortest counterexample (steps from the initial state to the first state violating spte-coherence)"
echo
echo "| size (P,F,Z,M) | SPIN -DBFS trail | SPIN -DREACH -i trail | mnc BFS trace | agrees |"
echo "|---|---:|---:|---:|---|"
for s in "${sizes[@]}"; do
  twin "$s" nocount
  (cd "$d" && gcc -O2 -DNOREDUCE -DSAFETY -DBFS -o pan-bfs pan.c && gcc -O2 -DNOREDUCE -DSAFETY -DREACH -o pan-reach pan.c)
  (cd "$d" && rm -f kvm-race.pml.trail && ./pan-bfs -w$w >bfs.log 2>&1 || true)
  bfs=$(grep -c '^[0-9]' "$d/kvm-race.pml.trail" 2>/dev/null || echo none)
  (cd "$d" && rm -f kvm-race.pml.trail && ./pan-reach -i -m100000 -w$w >reach.log 2>&1 || true)
  reach=$(grep -c '^[0-9]' "$d/kvm-race.pml.trail" 2>/dev/null || echo none)
  node "$mnc" explore kvm-race --set "P=$P" --set "F=$F" --set "Z=$Z" --set "M=$M" --variant nocount --json >"$d/mnc.json" 2>&1 || true
  mlen=$(mnc_json "$d/mnc.json" 'r.violations.length ? r.violations[0].trace.length : "none"' 2>/dev/null || echo failed)
  agree="no"; [ "$bfs" = "$mlen" ] && [ "$reach" = "$mlen" ] && agree="yes"
  echo "| $P,$F,$Z,$M | $bfs | $reach | $mlen | $agree |"
done
echo
echo "Logs and generated models: $work"
