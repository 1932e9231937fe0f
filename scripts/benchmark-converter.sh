#!/usr/bin/env bash
# Benchmarks the native converter on every shared recording, with a baseline measured in the
# same run. Usage: scripts/benchmark-converter.sh [recording-name-substring]
#
# Native: `java -Xmx384m -jar converter-<version>.jar convert IN OUT` (the CLI), timed with GNU time:
# wall, CPU (user+sys of the JVM and its reaped ffmpeg child), peak RSS of the JVM; ffmpeg's own
# CPU and peak RSS come from a wrapper around it.
# Baseline: guacenc + ffmpeg when guacenc is on PATH; otherwise ffmpeg re-encoding guacenc's
# reference .m4v with the same settings (the second pass alone: a LOWER BOUND of guacenc+ffmpeg).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
REC=${RECPIPE_RECORDINGS:-${RECORDINGS:-$ROOT/../shared/recordings}}
FILTER=${1:-}
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time)" >&2; exit 2; }

if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -pl converter -am package -DskipTests >/dev/null
fi
JAR=$(ls converter/target/converter-*.jar | grep -v -e '-lib' -e original | head -n1)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
FFMPEG=$(command -v ffmpeg)
cat >"$WORK/ffmpeg-timed" <<WRAP
#!/bin/sh
exec /usr/bin/time -f "%e %U %S %M" -o "$WORK/ffmpeg.time" "$FFMPEG" "\$@"
WRAP
chmod +x "$WORK/ffmpeg-timed"

if command -v guacenc >/dev/null 2>&1; then BASELINE="guacenc+ffmpeg ($(command -v guacenc), then ffmpeg libx264 veryfast crf 23)"; else BASELINE="ffmpeg-2nd-pass-only (lower bound of guacenc+ffmpeg; guacenc not on PATH)"; fi
echo "baseline: $BASELINE"
printf "%-24s %7s | %7s %7s %6s %7s %8s %8s %8s | %7s %7s %7s\n" recording session \
  wall_s cpu_s rtf jvm_MB ffmpeg_MB ffm_cpu out_KB base_s base_cpu speedup
for guac in "$REC"/*.guac; do
  name=$(basename "$guac" .guac)
  [[ -n "$FILTER" && "$name" != *"$FILTER"* ]] && continue
  out="$WORK/$name.mp4"
  ENCODER_FFMPEG_PATH="$WORK/ffmpeg-timed" /usr/bin/time -f "%e %U %S %M" -o "$WORK/native.time" \
    java -Xmx384m -jar "$JAR" convert "$guac" "$out" 2>"$WORK/native.log" || {
      echo "$name: conversion failed (exit $?)"; tail -5 "$WORK/native.log"; continue; }
  read -r wall user sys rss <"$WORK/native.time"
  read -r _ fuser fsys frss <"$WORK/ffmpeg.time"
  session=$(grep -o 'session [0-9.]* s' "$WORK/native.log" | tail -n1 | awk '{print $2}')
  size=$(( $(stat -c %s "$out") / 1024 ))

  ref="$REC/reference/$name.guacenc.m4v"
  [ -f "$ref" ] || ref=$(ls "$REC"/reference/"$name".* | head -n1)
  if command -v guacenc >/dev/null 2>&1; then
    rm -f "$WORK/b.guac.m4v"  # never re-encode the last recording's output if guacenc fails
    cp "$guac" "$WORK/b.guac"
    size_arg=$(echo "$name" | grep -o '[0-9]*x[0-9]*$')
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/base.time" sh -c \
      "guacenc -s $size_arg -r 2000000 -f '$WORK/b.guac' >/dev/null 2>&1 && ffmpeg -v error -y -i '$WORK/b.guac.m4v' -c:v libx264 -preset veryfast -crf 23 -pix_fmt yuv420p -movflags +faststart '$WORK/base.mp4'"
  else
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/base.time" ffmpeg -v error -y -i "$ref" \
      -c:v libx264 -preset veryfast -crf 23 -pix_fmt yuv420p -movflags +faststart "$WORK/base.mp4"
  fi
  if [ ! -s "$WORK/base.mp4" ]; then
    echo "$name: baseline failed (no output; guacenc exits 0 even when it fails)"; rm -f "$out"; continue
  fi
  read -r bwall buser bsys _ <"$WORK/base.time"
  awk -v n="$name" -v s="$session" -v w="$wall" -v u="$user" -v y="$sys" -v r="$rss" \
      -v fr="$frss" -v fu="$fuser" -v fs="$fsys" -v o="$size" -v bw="$bwall" -v bu="$buser" -v bs="$bsys" \
      'BEGIN { printf "%-24s %7.2f | %7.2f %7.2f %6.1f %7.0f %8.0f %8.2f %8d | %7.2f %7.2f %6.2fx\n",
        n, s, w, u + y, s / w, r / 1024, fr / 1024, fu + fs, o, bw, bu + bs, bw / w }'
  rm -f "$out" "$WORK/base.mp4"
done
echo "cpu_s: JVM + ffmpeg child; rtf: session seconds per wall second; speedup: baseline wall / native wall"
