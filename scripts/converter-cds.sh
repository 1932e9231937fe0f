#!/usr/bin/env bash
# Makes the class-data archive that shortens the converter CLI's start-up, for the jar and the JVM
# that scripts/benchmark-converter.sh uses (same variables: CONVERTER_JAR, JAVA, CONVERTER_JAVA_OPTS).
#
#   scripts/converter-cds.sh [TRAINING.guac ...]
#
# Training: real conversions (real ffmpeg) of the given recordings, by default vnc-1-short, ssh-1 and
# vnc-4-pngjpeg from RECPIPE_RECORDINGS (PNG + WebP, terminal, PNG + JPEG), else a small generated
# recording. Java 17-24: each training run lists the classes it loaded (-XX:DumpLoadedClassList);
# the lists are merged and dumped into a static AppCDS archive, JAR-less-.jar + .jsa
# (-Xshare:dump), used with -XX:SharedArchiveFile=. Java 25 and later: an AOT cache (JEP 483/515:
# classes loaded and linked, method profiles) from the first training recording, JAR-less-.jar +
# .aot (-XX:AOTCacheOutput), used with -XX:AOTCache=. CONVERTER_ARCHIVE overrides the path.
# An archive belongs to one jar and one JVM build: make it again after every build of the jar (the
# JVM refuses a stale one and starts without it; the benchmark uses it only when newer than the jar).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH_ROOT=$(pwd)
. scripts/lib/bench.sh
bench_cli
bench_recordings
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
training=("$@")
if [ ${#training[@]} -eq 0 ]; then
  for name in vnc-1-short vnc-4-pngjpeg ssh-1; do
    for f in "$BENCH_REC/$name"*.guac; do [ -f "$f" ] && training+=("$f"); done
  done
fi
if [ ${#training[@]} -eq 0 ]; then
  bench_tiny "$work/tiny.guac"
  training=("$work/tiny.guac")
fi
# shellcheck disable=SC2206
opts=(${CONVERTER_JAVA_OPTS--Xmx384m -XX:TieredStopAtLevel=1})
java=${JAVA:-java}
rm -f "$BENCH_ARCHIVE"
train() { # i file extra-jvm-options...
  local i=$1 f=$2
  shift 2
  if ! "$java" ${opts[@]+"${opts[@]}"} "$@" -jar "$BENCH_JAR" convert "$f" "$work/out$i.mp4" \
    >"$work/train$i.log" 2>&1; then
    # a recording that converts in part (exit 6) trains as well as a whole one
    grep -q 'convert: wrote' "$work/train$i.log" || { tail -n 5 "$work/train$i.log" >&2; exit 1; }
  fi
  echo "trained on $(basename "$f")"
}
if [ "$BENCH_ARCHIVE_OPT" = -XX:AOTCache ]; then
  train 0 "${training[0]}" "-XX:AOTCacheOutput=$BENCH_ARCHIVE"
else
  i=0
  for f in "${training[@]}"; do
    train "$i" "$f" "-XX:DumpLoadedClassList=$work/classes$i.lst"
    i=$((i + 1))
  done
  # One list: the runs' classes in first-seen order; ids differ between runs and are optional.
  sed -E 's/ id: [0-9]+$//' "$work"/classes*.lst | awk '!seen[$0]++' >"$work/classes.lst"
  "$java" -Xshare:dump "-XX:SharedClassListFile=$work/classes.lst" \
    "-XX:SharedArchiveFile=$BENCH_ARCHIVE" -cp "$BENCH_JAR" >"$work/dump.log" 2>&1 \
    || { tail -n 20 "$work/dump.log" >&2; exit 1; }
fi
# The JVM must map it (-Xshare:on, -XX:AOTMode=on fail where it cannot).
if [ "$BENCH_ARCHIVE_OPT" = -XX:AOTCache ]; then strict=-XX:AOTMode=on; else strict=-Xshare:on; fi
"$java" "$strict" "$BENCH_ARCHIVE_OPT=$BENCH_ARCHIVE" -jar "$BENCH_JAR" convert --help >/dev/null 2>&1 \
  || { echo "the JVM cannot use $BENCH_ARCHIVE" >&2; exit 1; }
echo "$BENCH_ARCHIVE ($(du -h "$BENCH_ARCHIVE" | cut -f1)) for $BENCH_JAR," \
  "$("$java" -version 2>&1 | head -n1); use: $java $BENCH_ARCHIVE_OPT=$BENCH_ARCHIVE -jar ..."
