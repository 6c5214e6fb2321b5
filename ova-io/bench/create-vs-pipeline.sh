#!/usr/bin/env bash
# Builds an OVA from a generated "used" raw disk twice and compares time and peak memory:
#   ovfkit:   ./ovfkit create OUT.ova --disk SRC --name bench        (one pass: convert, hash, tar)
#   pipeline: qemu-img convert -O vmdk -o subformat=streamOptimized, sha256sum, tar   (what a shell script does)
# Both OVAs are checked: GNU tar lists ovf, mf, vmdk in that order, the manifest digests match
# sha256sum of the extracted members, and qemu-img compare finds each disk identical to the source.
#
#   ova-io/bench/create-vs-pipeline.sh [SIZE]        SIZE: 1G (default), 512M, 2G ... (powers of 1024)
#
# Environment: BENCH_DIR (work folder, default: a new temporary folder, removed at the end unless
# KEEP=1), SEED (generator seed, default 42), OVFKIT (the command to run, default: the launcher at
# the repository root; e.g. OVFKIT="cli/target/dist/ovfkit-0.1.0-SNAPSHOT/bin/ovfkit"), OVFKIT_JAVA_OPTS
# (JVM options of the launcher, default -Xmx256m).
# Needs qemu-img (apt-get install qemu-utils), GNU tar, sha256sum, Java 17 and Maven; peak RSS comes
# from GNU time (/usr/bin/time -v, apt-get install time): for the pipeline it is the largest of its
# programs (GNU time reports the children's maximum). This is a benchmark, not a test: it prints
# figures and exits 0 unless a tool fails or an output is wrong.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
SIZE="${1:-1G}"
SEED="${SEED:-42}"
read -r -a OVFKIT_CMD <<<"${OVFKIT:-$ROOT/ovfkit}"

die() { echo "create-vs-pipeline: $*" >&2; exit 1; }
for t in qemu-img tar sha256sum java; do command -v "$t" >/dev/null || die "$t not found"; done
[ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1 || die "GNU time not found (apt-get install time)"

to_bytes() { # 1G -> 1073741824
  local s="${1^^}" n unit=1
  s="${s%IB}"; s="${s%B}"
  case "$s" in
    *K) unit=$((1 << 10)); n="${s%K}" ;;
    *M) unit=$((1 << 20)); n="${s%M}" ;;
    *G) unit=$((1 << 30)); n="${s%G}" ;;
    *) n="$s" ;;
  esac
  [[ "$n" =~ ^[0-9]+$ ]] || die "bad size '$1' (use a whole number with K, M or G)"
  echo $((n * unit))
}
BYTES="$(to_bytes "$SIZE")"

# The generator is a test class that needs only the JDK (see disk-formats/bench/convert-vs-qemu.sh).
GEN_SRC="$ROOT/disk-formats/src/test/java/io/ovfkit/disk/bench/UsedDiskGenerator.java"
CLASSES="$ROOT/disk-formats/target/bench-classes"
if [ ! -f "$CLASSES/io/ovfkit/disk/bench/UsedDiskGenerator.class" ] \
   || [ "$GEN_SRC" -nt "$CLASSES/io/ovfkit/disk/bench/UsedDiskGenerator.class" ]; then
  echo "== compiling the generator" >&2
  mkdir -p "$CLASSES"
  javac --release 17 -d "$CLASSES" "$GEN_SRC"
fi
"${OVFKIT_CMD[@]}" --version >/dev/null # the launcher builds cli/target/dist/ on first use

WORK="${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/create-vs-pipeline.XXXXXX")}"
mkdir -p "$WORK"
if [ -z "${BENCH_DIR:-}" ] && [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; fi

# measure NAME CMD... : runs CMD under GNU time, sets ELAPSED (s) and RSS_KB (peak resident set size).
measure() {
  local name="$1"; shift
  local log="$WORK/$name.time" start end
  start=$(date +%s.%N)
  /usr/bin/time -v -o "$log" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || { cat "$WORK/$name.err" >&2; die "$name failed"; }
  end=$(date +%s.%N)
  RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  ELAPSED=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
}
mib() { awk -v b="$1" 'BEGIN {printf "%.1f MiB", b / 1048576}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

# check OVA: member order, manifest against sha256sum, disk against the source.
check() {
  local ova="$1" x="$WORK/check"
  rm -rf "$x"; mkdir -p "$x"
  [ "$(tar tf "$ova" | tr '\n' ' ')" = "bench.ovf bench.mf bench-disk1.vmdk " ] || die "$ova: unexpected members: $(tar tf "$ova")"
  tar xf "$ova" -C "$x"
  (cd "$x" && sed -E 's/^SHA256\((.*)\)= ([0-9a-f]{64})$/\2  \1/' bench.mf | sha256sum --quiet -c -) \
    || die "$ova: the manifest does not match sha256sum"
  qemu-img compare -q -f raw -F vmdk "$SRC" "$x/bench-disk1.vmdk" || die "$ova: the disk differs from the source"
  rm -rf "$x"
}

SRC="$WORK/used.raw"
java -cp "$CLASSES" io.ovfkit.disk.bench.UsedDiskGenerator "$SRC" "$BYTES" --seed "$SEED" >&2
sync

echo "create-vs-pipeline: $(qemu-img --version | head -1); $(java -version 2>&1 | head -1); $(nproc) processors;" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg); work folder $WORK"

# ovfkit, in one pass.
measure ovfkit "${OVFKIT_CMD[@]}" create "$WORK/ovfkit.ova" --disk "$SRC" --name bench -q
O_T=$ELAPSED; O_RSS=$RSS_KB; O_SIZE=$(stat -c %s "$WORK/ovfkit.ova")

# The shell pipeline: convert, write a descriptor (ovfkit's own, taken from its OVA, so that both
# packages hold the same kind of file), hash, tar. Timed as one script; its peak RSS is its largest program.
P="$WORK/pipeline"
mkdir -p "$P"
tar xf "$WORK/ovfkit.ova" -C "$P" bench.ovf
cat >"$WORK/pipeline.sh" <<EOF
set -euo pipefail
cd "$P"
qemu-img convert -f raw -O vmdk -o subformat=streamOptimized "$SRC" bench-disk1.vmdk
sha256sum bench.ovf bench-disk1.vmdk | sed -E 's/^([0-9a-f]{64})  (.*)\$/SHA256(\2)= \1/' > bench.mf
tar cf "$WORK/pipeline.ova" --format=ustar --owner=0 --group=0 --numeric-owner bench.ovf bench.mf bench-disk1.vmdk
EOF
measure pipeline bash "$WORK/pipeline.sh"
P_T=$ELAPSED; P_RSS=$RSS_KB; P_SIZE=$(stat -c %s "$WORK/pipeline.ova")

check "$WORK/ovfkit.ova"
check "$WORK/pipeline.ova"

echo
echo "== $(mib "$BYTES") used disk (seed $SEED) to an OVA; both OVAs checked with tar, sha256sum and qemu-img compare"
printf '%-52s %9s %14s %14s\n' "" "time" "OVA" "peak RSS"
printf '%-52s %8ss %14s %14s\n' "ovfkit create" "$O_T" "$(mib "$O_SIZE")" "$(mib $((O_RSS * 1024)))"
printf '%-52s %8ss %14s %14s\n' "qemu-img convert + sha256sum + tar (sequential)" "$P_T" "$(mib "$P_SIZE")" \
  "$(mib $((P_RSS * 1024)))"
echo "time ratio ovfkit/pipeline: $(ratio "$O_T" "$P_T")"
echo "peak RSS: ovfkit $(mib $((O_RSS * 1024))), pipeline $(mib $((P_RSS * 1024)))"
