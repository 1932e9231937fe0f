#!/usr/bin/env bash
# Benchmarks the native converter on every shared recording against guacenc + ffmpeg, measured in
# the same run, and prints the issue's targets beside each figure.
#
#   scripts/benchmark-converter.sh [recording-name-substring]
#
# Native: the converter CLI, a fresh JVM per recording (start-up included): `java -Xmx384m
# -XX:TieredStopAtLevel=1 -jar JAR convert IN OUT` (JAR: CONVERTER_JAR, else converter/target/converter-*.jar, else
# encoder-service/target/encoder-service-*.jar; JAVA and CONVERTER_JAVA_OPTS change the JVM), with
# the class-data archive of scripts/converter-cds.sh when there is one newer than the jar
# (CONVERTER_CDS=off: without). Start-up: a generated 0.4 s recording converted STARTUP_RUNS
# (default 3) times with and without the archive, the shortest wall and least CPU time shown.
# Baseline: guacenc -s WxH -r 2000000 (GUACENC, else on PATH, else /opt/guacenc/bin/guacenc), then
# ffmpeg -c:v libx264 -preset veryfast -crf 23 -pix_fmt yuv420p -movflags +faststart.
# Peak RSS: the process tree (JVM + ffmpeg; guacenc, then ffmpeg) summed every 50 ms from /proc.
# Targets (issue 11): vnc-2-long >= 4x, vnc-5-idle >= 25x, every recording >= 2x, peak RSS < 400 MB.
# Jars are not built here: build first (mvn -B -o -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_ROOT=$(pwd)
. scripts/lib/bench.sh
FILTER=${1:-}
command -v python3 >/dev/null || { echo "needs python3 (scripts/lib/treerss.py samples /proc)" >&2; exit 2; }
bench_cli; bench_guacenc; bench_recordings
[ -n "$BENCH_GUACENC" ] || { echo "guacenc not found (set GUACENC or put it on PATH)" >&2; exit 2; }
export BENCH_ROOT BENCH_GUACENC
shopt -s nullglob
recordings=("$BENCH_REC"/*.guac)
[ ${#recordings[@]} -gt 0 ] || { echo "no .guac files in $BENCH_REC (set RECPIPE_RECORDINGS)" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
MEASURE=(python3 scripts/lib/treerss.py)

bench_load "start"
echo "native:   ${BENCH_CLI[*]} IN OUT   ($("${BENCH_CLI[0]}" -version 2>&1 | head -n1))"
echo "class-data archive: $BENCH_CDS"
bench_tiny "$WORK/tiny.guac"
runs=${STARTUP_RUNS:-3}
plain=$(bench_min "$runs" "${BENCH_PLAIN[@]}" "$WORK/tiny.guac" "$WORK/tiny.mp4")
if [ "$BENCH_CDS" = "${BENCH_CDS#none}" ]; then
  archived=$(bench_min "$runs" "${BENCH_CLI[@]}" "$WORK/tiny.guac" "$WORK/tiny.mp4")
else
  archived="- -"
fi
read -r pw pc <<<"$plain"
read -r aw ac <<<"$archived"
echo "start-up (0.4 s recording, best of $runs): without archive ${pw} s wall ${pc} s CPU;" \
  "with archive ${aw} s wall ${ac} s CPU"
echo "baseline: $BENCH_GUACENC -s WxH -r 2000000, then ffmpeg libx264 veryfast crf 23 ($(ffmpeg -version | head -n1 | cut -d' ' -f1-3))"
echo "peak RSS: process tree summed every 50 ms; ratio = baseline wall / native wall; cpu_x = baseline CPU / native CPU"
fmt="%-22s %8s | %7s %7s %7s %7s | %7s %7s %6s | %7s %-11s %6s | %7s %-10s\n"
printf "$fmt" recording session_s wall_s cpu_s ffm_cpu jvm_MB base_s b_cpu b_MB ratio target cpu_x peak_MB "target"
fails=0
for guac in "${recordings[@]}"; do
  name=$(basename "$guac" .guac)
  [[ -n "$FILTER" && "$name" != *"$FILTER"* ]] && continue
  case "$name" in
    vnc-2-long*) want=4 ;;
    vnc-5-idle*) want=25 ;;
    *) want=2 ;;
  esac
  if ! "${MEASURE[@]}" "$WORK/native.m" "${BENCH_CLI[@]}" "$guac" "$WORK/native.mp4" >"$WORK/native.log" 2>&1; then
    echo "$name: native conversion failed"; tail -n 5 "$WORK/native.log"; fails=$((fails + 1)); continue
  fi
  read -r wall cpu tree java _ _ fcpu <"$WORK/native.m"
  session=$(grep -o 'session [0-9.]* s' "$WORK/native.log" | tail -n1 | awk '{print $2}' || true)
  if ! "${MEASURE[@]}" "$WORK/base.m" bash -c '. scripts/lib/bench.sh; bench_baseline "$@"' _ \
       "$guac" "$WORK/base.mp4" >"$WORK/base.log" 2>&1; then
    echo "$name: baseline failed"; tail -n 5 "$WORK/base.log"; fails=$((fails + 1)); continue
  fi
  read -r bwall bcpu btree _ _ _ _ <"$WORK/base.m"
  awk -v n="$name" -v s="${session:--}" -v w="$wall" -v c="$cpu" -v fc="$fcpu" -v j="$java" -v t="$tree" \
      -v bw="$bwall" -v bc="$bcpu" -v bt="$btree" -v want="$want" -v fmt="$fmt" 'BEGIN {
    r = bw / w
    printf fmt, n, s, sprintf("%.2f", w), sprintf("%.2f", c), sprintf("%.2f", fc), sprintf("%.0f", j / 1024),
      sprintf("%.2f", bw), sprintf("%.2f", bc), sprintf("%.0f", bt / 1024),
      sprintf("%.2fx", r), sprintf(">=%dx %s", want, r >= want ? "met" : "MISSED"),
      sprintf("%.2fx", bc / c), sprintf("%.0f", t / 1024), sprintf("<400 %s", t / 1024 < 400 ? "met" : "MISSED") }'
  rm -f "$WORK/native.mp4" "$WORK/base.mp4"
done
echo "session_s: the recording's length; wall_s/cpu_s: native CLI incl. JVM start-up and its ffmpeg;"
echo "ffm_cpu: ffmpeg's share of cpu_s; jvm_MB: the JVM's peak RSS; peak_MB: JVM + ffmpeg peak RSS (summed);"
echo "base_s/b_cpu/b_MB: guacenc + ffmpeg wall, CPU, peak RSS (one process at a time);"
echo "cpu_x: the CPU-time ratio, steadier than wall time on a loaded machine (no target)"
bench_load "end"
[ "$fails" -eq 0 ]
