#!/usr/bin/env bash
# Converts a generated "used" raw disk to VMDK streamOptimized with qemu-img and with ovfkit, checks
# both outputs with qemu-img, and prints time, output size and peak memory (RSS) side by side; then
# the same at twice the size, to show that ovfkit's memory does not grow with the disk.
#
#   disk-formats/bench/convert-vs-qemu.sh [SIZE]            SIZE: 1G (default), 512M, 4G ... (powers of 1024)
#   disk-formats/bench/convert-vs-qemu.sh --sparse [SIZE]   a SIZE (default 20G) raw file holding 128 MiB of data
#       at two places, the rest holes, to qcow2: qemu-img, ovfkit, and ovfkit told not to ask for holes
#   disk-formats/bench/convert-vs-qemu.sh --formats [SIZE]  one table over every output format instead:
#       qcow2 compressed (qemu-img -c), qcow2, vhd dynamic (vpc), vhdx dynamic, vdi, vmdk streamOptimized
#
# Environment: BENCH_DIR (work folder, default: a new temporary folder, removed at the end unless
# KEEP=1), SEED (generator seed, default 42), OVFKIT_THREADS (default: all processors), SMALL_HEAP
# (JVM options of the bounded-heap run, default -Xmx64m), REPEAT (runs per format in --formats, the
# best is printed; default 3), ONLY (a regular expression: --formats runs only the rows whose
# label matches, e.g. ONLY='^(vhd|vdi)'), COLD=1 (--formats: empty the page cache before every run, as
# for a disk just copied in or never read since boot; the tools' own files are read back in first,
# as for programs in daily use; needs root: /proc/sys/vm/drop_caches).
# Needs qemu-img (apt-get install qemu-utils), Java 17 and Maven; peak RSS comes from GNU time
# (/usr/bin/time -v, apt-get install time) or, without it, from polling /proc/PID/status (VmHWM).
# This is a benchmark, not a test: it prints figures and exits 0 unless a tool fails or an output
# differs from the source.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
FORMATS=0
SPARSE=0
if [ "${1:-}" = "--formats" ]; then FORMATS=1; shift; fi
if [ "${1:-}" = "--sparse" ]; then SPARSE=1; shift; fi
SIZE="${1:-$([ "$SPARSE" = 1 ] && echo 20G || echo 1G)}"
SEED="${SEED:-42}"
THREADS="${OVFKIT_THREADS:-$(nproc)}"
SMALL_HEAP="${SMALL_HEAP:--Xmx64m}"
REPEAT="${REPEAT:-3}"

die() { echo "convert-vs-qemu: $*" >&2; exit 1; }
command -v qemu-img >/dev/null || die "qemu-img not found (apt-get install qemu-utils)"
command -v java >/dev/null || die "java not found"

to_bytes() { # 1G -> 1073741824
  local s="${1^^}" n unit=1
  s="${s%IB}"; s="${s%B}"
  case "$s" in
    *K) unit=$((1 << 10)); n="${s%K}" ;;
    *M) unit=$((1 << 20)); n="${s%M}" ;;
    *G) unit=$((1 << 30)); n="${s%G}" ;;
    *T) unit=$((1 << 40)); n="${s%T}" ;;
    *) n="$s" ;;
  esac
  [[ "$n" =~ ^[0-9]+$ ]] || die "bad size '$1' (use a whole number with K, M, G or T)"
  echo $((n * unit))
}
BYTES="$(to_bytes "$SIZE")"

# Build what is missing or stale: the generator (a test class that needs only the JDK, compiled on
# its own so that the benchmark does not depend on the rest of the test tree) and the ovfkit jar
# (the launcher builds cli/target/dist/ on first use or when sources changed).
GEN_SRC="$ROOT/disk-formats/src/test/java/io/ovfkit/disk/bench/UsedDiskGenerator.java"
CLASSES="$ROOT/disk-formats/target/bench-classes"
if [ ! -f "$CLASSES/io/ovfkit/disk/bench/UsedDiskGenerator.class" ] \
   || [ "$GEN_SRC" -nt "$CLASSES/io/ovfkit/disk/bench/UsedDiskGenerator.class" ]; then
  echo "== compiling the generator" >&2
  mkdir -p "$CLASSES"
  javac --release 17 -d "$CLASSES" "$GEN_SRC"
fi
"$ROOT/ovfkit" --version >/dev/null # builds cli/target/dist/ on first use
# Measured: the release launcher (bin/ovfkit of cli/target/dist/), as an installed ovfkit runs,
# with the class-data archive the source tree's launcher uses. That launcher adds its check for
# changed sources (a find over every src/main, about 13 ms) to every run; it is not part of ovfkit.
OVFKIT=
for candidate in "$ROOT"/cli/target/dist/ovfkit-*/bin/ovfkit; do OVFKIT=$candidate; done
[ -x "$OVFKIT" ] || die "no cli/target/dist/ovfkit-*/bin/ovfkit after the build"
export OVFKIT_CDS_DIR="${OVFKIT_CDS_DIR:-$ROOT/cli/target/cds}"

WORK="${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/convert-vs-qemu.XXXXXX")}"
mkdir -p "$WORK"
if [ -z "${BENCH_DIR:-}" ] && [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; fi

GNU_TIME=""
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then GNU_TIME=/usr/bin/time; fi

# measure NAME CMD... : runs CMD, sets ELAPSED (s) and RSS_KB (peak resident set size).
measure() {
  local name="$1"; shift
  local log="$WORK/$name.time" start end
  start=$(date +%s.%N)
  if [ -n "$GNU_TIME" ]; then
    "$GNU_TIME" -v -o "$log" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || { cat "$WORK/$name.err" >&2; die "$name failed"; }
    RSS_KB=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  else
    "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
    local pid=$! hwm=0 v
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [ -n "$v" ] && [ "$v" -gt "$hwm" ] && hwm=$v
      sleep 0.05
    done
    wait "$pid" || { cat "$WORK/$name.err" >&2; die "$name failed"; }
    RSS_KB=$hwm
  fi
  end=$(date +%s.%N)
  ELAPSED=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
}

verify() { # verify SRC OUT [QEMU_FORMAT]: qemu-img check (where the format has one) and compare, or fail
  local f="${3:-vmdk}" rc=0
  qemu-img check -q -f "$f" "$2" || rc=$?
  [ "$rc" = 0 ] || [ "$rc" = 63 ] || die "qemu-img check failed on $2 (exit $rc)"
  qemu-img compare -q -f raw -F "$f" "$1" "$2" || die "qemu-img compare: $2 differs from $1"
}

# before_run: flushes dirty pages; with COLD=1 also empties the page cache, then reads both tools'
# files (the JDK, ovfkit's jar and class archive, qemu-img and its libraries) back in.
before_run() {
  sync
  if [ "${COLD:-0}" = 1 ]; then
    echo 3 >/proc/sys/vm/drop_caches || die "COLD=1 needs root (cannot write /proc/sys/vm/drop_caches)"
    local jdk
    jdk="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    { find "$jdk" "$ROOT/cli/target" -maxdepth 3 -type f -print0 | xargs -0 cat
      ldd "$(command -v qemu-img)" | awk '/=> \// {print $3}' | xargs cat; cat "$(command -v qemu-img)"; } >/dev/null 2>&1 || true
  fi
}

run_qemu() { # run_qemu LABEL QEMU_FORMAT QEMU_OPTIONS SRC OUT: appends to qts
  before_run; rm -f "$5"
  # shellcheck disable=SC2086
  measure "q-$2" qemu-img convert -f raw -O "$2" $3 "$4" "$5"
  qts+=("$ELAPSED")
}

run_ovfkit() { # run_ovfkit QEMU_FORMAT OVFKIT_ARGS SRC OUT: appends to ots and its, raises ors
  before_run; rm -f "$4"
  # shellcheck disable=SC2086
  measure "o-$1" "$OVFKIT" disk convert "$3" "$4" --format $2 --threads "$THREADS"
  ots+=("$ELAPSED"); (( RSS_KB > ors )) && ors=$RSS_KB
  its+=("$(sed -n 's/.* in \([0-9.]*\) s, .*/\1/p' "$WORK/o-$1.err" | tail -1)")
}

formats_table() { # formats_table BYTES: every output format, qemu-img vs ovfkit on one generated disk
  local bytes="$1" src="$WORK/used-formats.raw" spec qf qopts oargs q o i
  java -cp "$CLASSES" io.ovfkit.disk.bench.UsedDiskGenerator "$src" "$bytes" --seed "$SEED" >&2
  sync
  echo
  echo "== $(human "$bytes") used disk ($bytes bytes, seed $SEED), every format, best of $REPEAT runs each, alternating"\
       "(sync before every run$([ "${COLD:-0}" = 1 ] && echo ", page cache emptied")); outputs checked with qemu-img check and compare"
  echo "   'ovfkit' is the whole command (JVM start included); 'in-JVM' is the conversion time ovfkit reports itself;"
  echo "   'median' is the ratio of the two tools' median whole-command times"
  printf '%-22s %9s %9s %6s %9s %6s %6s %11s %11s %6s %10s\n' "format" "qemu-img" "ovfkit" "ratio" "in-JVM" "ratio" \
    "median" "qemu size" "ovfkit size" "size" "ovfkit RSS"
  for spec in "qcow2 -c|qcow2|-c|qcow2 --compress" "raw (sparse)|raw||raw" "qcow2|qcow2||qcow2" "vhd dynamic|vpc|-o subformat=dynamic|vhd --subformat dynamic" \
              "vhd fixed|vpc|-o subformat=fixed|vhd --subformat fixed" \
              "vhdx dynamic|vhdx|-o subformat=dynamic|vhdx --subformat dynamic" "vdi|vdi||vdi" \
              "vmdk streamOptimized|vmdk|-o subformat=streamOptimized|vmdk --subformat streamOptimized" \
              "vmdk monolithicSparse|vmdk|-o subformat=monolithicSparse|vmdk --subformat monolithicSparse"; do
    IFS='|' read -r label qf qopts oargs <<<"$spec"
    if [ -n "${ONLY:-}" ] && ! [[ "$label" =~ $ONLY ]]; then continue; fi
    q="$WORK/q.$qf"; o="$WORK/o.$qf"
    local qts=() ots=() its=() ors=0
    for ((i = 0; i < REPEAT; i++)); do
      # Each tool runs right after its own previous output is deleted, in alternating order, so that
      # both find the memory that output used still at hand (see best() below).
      if (( i % 2 == 0 )); then run_qemu "$label" "$qf" "$qopts" "$src" "$q"; run_ovfkit "$qf" "$oargs" "$src" "$o"
      else run_ovfkit "$qf" "$oargs" "$src" "$o"; run_qemu "$label" "$qf" "$qopts" "$src" "$q"; fi
    done
    local qt ot it qs os qm om
    qt=$(best "${qts[@]}"); ot=$(best "${ots[@]}"); it=$(best "${its[@]}")
    qm=$(median "${qts[@]}"); om=$(median "${ots[@]}")
    qs=$(stat -c %s "$q"); os=$(stat -c %s "$o")
    verify "$src" "$q" "$qf"
    verify "$src" "$o" "$qf"
    printf '%-22s %8ss %8ss %6s %8ss %6s %6s %11s %11s %6s %10s\n' "$label" "$qt" "$ot" "$(ratio "$ot" "$qt")" "$it" \
      "$(ratio "$it" "$qt")" "$(ratio "$om" "$qm")" "$(mib "$qs")" "$(mib "$os")" "$(ratio "$os" "$qs")" "$(mib $((ors * 1024)))"
    rm -f "$q" "$o"
  done
  rm -f "$src"
}

# The best run, not the median: on a virtual machine that hands freed memory back to its host (free
# page reporting), a run that must fault that memory in again for the page cache, or allocate blocks
# the file system is still discarding, takes up to 5x longer, for qemu-img and ovfkit alike; the
# fastest run is what the program itself costs.
best() { printf '%s\n' "$@" | sort -g | head -1; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

human() { # 1073741824 -> 1 GiB (whole units only)
  local b="$1"
  if (( b % (1 << 30) == 0 )); then echo "$((b >> 30)) GiB"
  elif (( b % (1 << 20) == 0 )); then echo "$((b >> 20)) MiB"
  else echo "$b bytes"; fi
}
mib() { awk -v b="$1" 'BEGIN {printf "%.1f MiB", b / 1048576}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

run() { # run BYTES LABEL
  local bytes="$1" label="$2"
  local src="$WORK/used-$label.raw" q="$WORK/qemu-$label.vmdk" o="$WORK/ovfkit-$label.vmdk"
  java -cp "$CLASSES" io.ovfkit.disk.bench.UsedDiskGenerator "$src" "$bytes" --seed "$SEED" >&2
  sync
  measure "qemu-$label" qemu-img convert -f raw -O vmdk -o subformat=streamOptimized "$src" "$q"
  Q_T=$ELAPSED; Q_RSS=$RSS_KB; Q_SIZE=$(stat -c %s "$q")
  measure "ovfkit-$label" "$OVFKIT" disk convert "$src" "$o" --format vmdk --subformat streamOptimized \
    --threads "$THREADS" --quiet
  O_T=$ELAPSED; O_RSS=$RSS_KB; O_SIZE=$(stat -c %s "$o")
  measure "ovfkit1-$label" "$OVFKIT" disk convert "$src" "$o.1" --format vmdk --subformat streamOptimized \
    --threads 1 --quiet
  O1_T=$ELAPSED; O1_RSS=$RSS_KB
  # The JVM grows its heap as it likes (by default up to a quarter of the memory); with a small
  # heap the conversion still runs: what it needs is bounded, the rest of the RSS is GC slack.
  measure "ovfkitx-$label" env OVFKIT_JAVA_OPTS="$SMALL_HEAP" "$OVFKIT" disk convert "$src" "$o.x" \
    --format vmdk --subformat streamOptimized --threads "$THREADS" --quiet
  OX_T=$ELAPSED; OX_RSS=$RSS_KB
  verify "$src" "$q"
  verify "$src" "$o"
  verify "$src" "$o.1"
  verify "$src" "$o.x"
  echo
  echo "== $(human "$bytes") used disk ($bytes bytes, seed $SEED; every output checked with qemu-img check and compare)"
  printf '%-34s %9s %14s %14s\n' "" "time" "output" "peak RSS"
  printf '%-34s %8ss %14s %14s\n' "qemu-img convert" "$Q_T" "$(mib "$Q_SIZE")" "$(mib $((Q_RSS * 1024)))"
  printf '%-34s %8ss %14s %14s\n' "ovfkit disk convert (--threads $THREADS)" "$O_T" "$(mib "$O_SIZE")" "$(mib $((O_RSS * 1024)))"
  printf '%-34s %8ss %14s %14s\n' "ovfkit disk convert (--threads 1)" "$O1_T" "" "$(mib $((O1_RSS * 1024)))"
  printf '%-34s %8ss %14s %14s\n' "ovfkit (--threads $THREADS, $SMALL_HEAP)" "$OX_T" "" "$(mib $((OX_RSS * 1024)))"
  echo "time ratio ovfkit/qemu-img: $(ratio "$O_T" "$Q_T") (--threads $THREADS), $(ratio "$O1_T" "$Q_T") (--threads 1),"\
       "$(ratio "$OX_T" "$Q_T") ($SMALL_HEAP)"
  echo "output-size ratio ovfkit/qemu-img: $(ratio "$O_SIZE" "$Q_SIZE")"
  echo "peak RSS: qemu-img $(mib $((Q_RSS * 1024))), ovfkit $(mib $((O_RSS * 1024))) (--threads $THREADS),"\
       "$(mib $((O1_RSS * 1024))) (--threads 1), $(mib $((OX_RSS * 1024))) ($SMALL_HEAP)"
  rm -f "$src" "$q" "$o" "$o.1" "$o.x"
  LAST_O_RSS=$O_RSS
  LAST_OX_RSS=$OX_RSS
}

echo "convert-vs-qemu: $(qemu-img --version | head -1); $(java -version 2>&1 | head -1); $(nproc) processors;" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg); work folder $WORK"
# A virtual machine that reports freed pages to its host (virtio-balloon free page reporting) makes
# any run that must fault that memory in again up to 5x slower, at random; pages of at least
# 2^page_reporting_order pages are reported, and 11 (beyond the largest order) turns it off.
PR=/sys/module/page_reporting/parameters/page_reporting_order
if [ -r "$PR" ]; then
  echo "free page reporting: order $(cat "$PR")$( [ "$(cat "$PR")" -ge 11 ] && echo " (off)" || echo " (on: expect outliers; off with 'echo 11 > $PR' as root, 9 is the usual value)")"
fi
if [ "$FORMATS" = 1 ]; then
  formats_table "$BYTES"
  exit 0
fi
if [ "$SPARSE" = 1 ]; then
  src="$WORK/sparse.raw"
  truncate -s "$BYTES" "$src"
  dd if=/dev/urandom of="$src" bs=1M count=64 seek=$((BYTES / 1048576 / 20)) conv=notrunc status=none
  dd if=/dev/urandom of="$src" bs=1M count=64 seek=$((BYTES / 1048576 * 3 / 4)) conv=notrunc status=none
  sync
  echo
  echo "== $(human "$BYTES") sparse raw file, 128 MiB of data, to qcow2 (outputs checked with qemu-img compare)"
  measure q-sparse qemu-img convert -f raw -O qcow2 "$src" "$WORK/q.qcow2"
  echo "qemu-img convert                           ${ELAPSED}s"
  measure o-sparse "$OVFKIT" disk convert "$src" "$WORK/o.qcow2" --format qcow2 --quiet
  echo "ovfkit disk convert                        ${ELAPSED}s"
  qemu-img compare -q -f raw -F qcow2 "$src" "$WORK/o.qcow2" || die "ovfkit's output differs"
  rm -f "$WORK/o.qcow2"
  measure o-noholes env OVFKIT_JAVA_OPTS="-Xmx256m -Dovfkit.disk.holes=false" "$OVFKIT" disk convert "$src" \
    "$WORK/o.qcow2" --format qcow2 --quiet
  echo "ovfkit, -Dovfkit.disk.holes=false          ${ELAPSED}s (reads every hole and looks for zeros)"
  qemu-img compare -q -f raw -F qcow2 "$src" "$WORK/o.qcow2" || die "ovfkit's output differs"
  exit 0
fi
run "$BYTES" 1x
RSS1=$LAST_O_RSS; RSSX1=$LAST_OX_RSS
run $((BYTES * 2)) 2x
RSS2=$LAST_O_RSS; RSSX2=$LAST_OX_RSS
echo
echo "ovfkit peak RSS, $(human "$BYTES") -> $(human $((BYTES * 2))):" \
     "$(mib $((RSS1 * 1024))) -> $(mib $((RSS2 * 1024))) (default heap)," \
     "$(mib $((RSSX1 * 1024))) -> $(mib $((RSSX2 * 1024))) ($SMALL_HEAP)"
