#!/usr/bin/env bash
# Start-up of the ovfkit command against the JVM's own: `java -version`, `ovfkit --version`,
# `ovfkit info` of the sample descriptor and `ovfkit disk info` of a small qcow2 image, each run
# RUNS times (default 10) after 2 warm-up runs, through the release layout's bin/ovfkit with its
# class-data archive (the launcher builds cli/target/dist/ on first use). Prints the mean, the
# fastest and the median run of each, in milliseconds. Uses hyperfine when it is installed
# (apt-get install hyperfine), a loop over `date +%s%N` otherwise.
#
#   cli/bench/startup.sh            RUNS=20 cli/bench/startup.sh
#
# A benchmark, not a test: it prints figures and exits 0 unless a command fails. On a virtual
# machine that reports freed memory to its host, runs vary more (see disk-formats/README.md,
# "Every format against qemu-img"); the script prints the setting.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
RUNS="${RUNS:-10}"
"$ROOT/ovfkit" --version >/dev/null # builds cli/target/dist/ and the class-data archive on first use
launcher=
for candidate in "$ROOT"/cli/target/dist/ovfkit-*/bin/ovfkit; do launcher=$candidate; done
export OVFKIT_CDS_DIR="${OVFKIT_CDS_DIR:-$ROOT/cli/target/cds}"

work="$(mktemp -d "${TMPDIR:-/tmp}/ovfkit-startup.XXXXXX")"
trap 'rm -rf "$work"' EXIT
"$launcher" disk create "$work/disk.raw" --format raw --size 1GiB >/dev/null
"$launcher" disk convert "$work/disk.raw" "$work/disk.qcow2" --format qcow2 -q
descriptor="$ROOT/samples/descriptors/hello-appliance.ovf"

echo "startup: $(nproc) processors; $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -r /sys/module/page_reporting/parameters/page_reporting_order ]; then
  echo "free page reporting: order $(cat /sys/module/page_reporting/parameters/page_reporting_order) (11: off)"
fi
printf '%-28s %9s %9s %9s\n' "command" "mean ms" "min ms" "median ms"

# row LABEL CMD...: RUNS timed runs after 2 warm-ups.
row() {
  local label="$1"; shift
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 2 -r "$RUNS" --export-json "$work/h.json" "$(printf '%q ' "$@")" >/dev/null 2>&1
    python3 - "$label" "$work/h.json" <<'EOF'
import json, statistics, sys
t = json.load(open(sys.argv[2]))["results"][0]["times"]
print("%-28s %9.1f %9.1f %9.1f" % (sys.argv[1], 1000 * statistics.mean(t), 1000 * min(t), 1000 * statistics.median(t)))
EOF
  else
    local i s e times=()
    for i in 1 2; do "$@" >/dev/null 2>&1; done
    for ((i = 0; i < RUNS; i++)); do
      s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
      times+=($(((e - s) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v l="$label" '{v[NR] = $1; s += $1}
      END {printf "%-28s %9.1f %9.1f %9.1f\n", l, s / NR / 1000, v[1] / 1000, v[int((NR + 1) / 2)] / 1000}'
  fi
}

row "java -version" java -version
row "ovfkit --version" "$launcher" --version
row "ovfkit info DESCRIPTOR" "$launcher" info "$descriptor"
row "ovfkit disk info IMG.qcow2" "$launcher" disk info "$work/disk.qcow2"
