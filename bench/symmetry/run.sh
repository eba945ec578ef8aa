#!/usr/bin/env bash
# --symmetry on the mm model, with and without in one run (bench/RESULTS.md, "mm model: --symmetry"):
#   bench/symmetry/run.sh            # builds dist/, then each subject plain and with --symmetry, one process each
# Subjects: the example two-mms-kvm-odp, the ten largest site scenarios (seed profile, by pinned states),
# two-mms-kvm-odp-4threads.json (copied from ../shared/bench/: the example plus a second KVM guest access,
# reading page 1) and two-mms-kvm-odp-2guests.json (the example with its guest access doubled); then the
# ten site scenarios with their last thread doubled (DOUBLE=1).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
cd "$here"
npx tsc -p tsconfig.json
subjects=(${SUBJECTS:-model/scenario/examples/two-mms-kvm-odp.json ksm-merge-vs-kvm-write ksm-merge-vs-odp-write migrate-vma-hole-vs-kvm-read hugetlb-unshare-mprotect-vs-kvm-read ksm-merge-vs-aware-write migrate-vma-hole-vs-gpu-read migrate-vma-hole-vs-odp-read migrate-vma-hole-vs-aware-read hugetlb-unshare-mprotect-vs-odp-read hugetlb-unshare-mprotect-vs-aware-read bench/symmetry/two-mms-kvm-odp-2guests.json bench/symmetry/two-mms-kvm-odp-4threads.json})
echo "machine: $(nproc) cores, $(node -v), load $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo '+dirty')"
for s in "${subjects[@]}"; do
  node bench/symmetry/measure.mjs dist plain "$s"
  node bench/symmetry/measure.mjs dist symmetry "$s"
done
# The ten largest site scenarios again, each with its last thread doubled (two interchangeable threads).
for s in "${subjects[@]}"; do
  case "$s" in *.json) continue ;; esac
  DOUBLE=1 node bench/symmetry/measure.mjs dist plain "$s"
  DOUBLE=1 node bench/symmetry/measure.mjs dist symmetry "$s"
done
