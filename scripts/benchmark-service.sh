#!/usr/bin/env bash
# Service benchmark: the encoder converting a backlog of recordings at encoder.parallelism 1 and 2,
# in recordings per minute, next to guacenc + ffmpeg at the same parallelism (xargs -P over the
# same files), measured in the same run.
#
#   scripts/benchmark-service.sh            BACKLOG=30 PARALLELISMS="1 2" by default
#
# For each parallelism: a fresh work directory holds BACKLOG copies of the shared recordings (round
# robin) under fresh session ids; the EmpowerID simulator (simulator jar, watching that directory)
# knows them all before the encoder (encoder-service jar, native converter, short scan/process
# intervals as in scripts/demo.sh) starts; the run ends when the simulator has every session
# Processed. No uploader runs. Figures: wall from the encoder's launch (JVM start-up, first scan
# and start-up delays included) and the span from the first Processing to the last Processed (the
# simulator's history). Baseline: guacenc -s WxH -r 2000000 then ffmpeg libx264 veryfast crf 23,
# per file, `xargs -P N`. Jars are not built here (mvn -B -o -q -DskipTests package).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
BENCH_ROOT=$root RP_ROOT=$root RP_TAG=bench-service
. scripts/lib/bench.sh
. scripts/lib/pipeline.sh
BACKLOG=${BACKLOG:-30}
PARALLELISMS=${PARALLELISMS:-1 2}
TIMEOUT=${TIMEOUT:-3600}
for tool in jq curl ffmpeg; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }; done
bench_guacenc; bench_recordings
[ -n "$BENCH_GUACENC" ] || { echo "guacenc not found (set GUACENC or put it on PATH)" >&2; exit 2; }
export BENCH_ROOT BENCH_GUACENC
RP_SIM_JAR=$(rp_jar_of empowerid-simulator); RP_ENC_JAR=$(rp_jar_of encoder-service)
[ -n "$RP_SIM_JAR" ] && [ -n "$RP_ENC_JAR" ] || { echo "build the simulator and encoder jars first" >&2; exit 2; }
shopt -s nullglob
sources=("$BENCH_REC"/*.guac)
[ ${#sources[@]} -gt 0 ] || { echo "no .guac files in $BENCH_REC (set RECPIPE_RECORDINGS)" >&2; exit 2; }
top=$(mktemp -d)
RP_WORK=$top
cleanup() { local rc=$?; trap - EXIT; rp_stop_groups; rm -rf "$top"; exit "$rc"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# The simulator speaks plain http on 127.0.0.1 (refused unless allowed).
export EMPOWERID_ALLOW_INSECURE_HTTP=true
export EMPOWERID_API_KEY=sim-api-key EMPOWERID_CLIENT_ID=recpipe EMPOWERID_CLIENT_SECRET=sim-client-secret

now() { date +%s.%N; }
declare -A N_WALL N_SPAN G_WALL
backlog() { # dir prefix: BACKLOG copies under fresh ids
  local i=0 src id
  mkdir -p "$1"
  while [ "$i" -lt "$BACKLOG" ]; do
    src=${sources[$((i % ${#sources[@]}))]}
    id=$(printf '%s-%02d-%s' "$2" "$i" "$(basename "$src" .guac)")
    cp "$src" "$1/$id.guac"
    i=$((i + 1))
  done
}

# native P: sets N_WALL[P] (encoder launch -> all Processed) and N_SPAN[P] (first Processing -> last
# Processed)
native() {
  local p=$1 w="$top/native-p$1" sim_port enc_port sim t0 t1 sessions known done_n failed span
  backlog "$w/session_files" "p$p"
  mkdir -p "$w"/{out,data}
  rp_free_port; sim_port=$REPLY; rp_free_port; enc_port=$REPLY
  sim="http://127.0.0.1:$sim_port"
  RP_WORK=$w
  rp_start_simulator "simulator-p$p" "$sim_port" --simulator.watch-dir="$w/session_files" \
    --simulator.watch-interval=1s --simulator.default-storage-mode=AWS
  rp_wait_for "simulator-p$p" "$sim/actuator/health"
  while known=$(curl -fsS "$sim/sessions" | jq length) && [ "$known" -lt "$BACKLOG" ]; do sleep 0.5; done
  export EMPOWERID_BASE_URL=$sim
  t0=$(now)
  rp_start_encoder "encoder-p$p" "$enc_port" "$w/session_files" "$w/out" "$w/data" \
    --encoder.converter=native --encoder.parallelism="$p"
  while true; do
    rp_alive "encoder-p$p" || rp_fail "the encoder stopped"
    sessions=$(curl -fsS --max-time 5 "$sim/sessions") || rp_fail "the simulator does not answer"
    failed=$(jq -r '[.[] | select(.recordingStatus | test("Failed$")) | .sessionId] | join(" ")' <<<"$sessions")
    [ -z "$failed" ] || rp_fail "failed: $failed"
    done_n=$(jq '[.[] | select(.recordingStatus == "Processed")] | length' <<<"$sessions")
    [ "$done_n" -lt "$BACKLOG" ] || break
    awk -v a="$(now)" -v b="$t0" -v t="$TIMEOUT" 'BEGIN { exit !(a - b > t) }' && rp_fail "timed out"
    sleep 0.5
  done
  t1=$(now)
  span=$(jq -r '
    def ts: (sub("\\.[0-9]+Z$"; "Z") | fromdateiso8601)
            + ((capture("\\.(?<f>[0-9]+)Z$").f // "0") | "0.\(.)" | tonumber);
    [.[].history[] | select(.recordingStatus == "Processing") | .at | ts] as $s
    | [.[].history[] | select(.recordingStatus == "Processed") | .at | ts] as $e
    | ($e | max) - ($s | min)' <<<"$sessions")
  rp_stop_groups; RP_GROUPS=()
  N_WALL[$p]=$(awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.1f", a - b }')
  N_SPAN[$p]=$(awk -v s="$span" 'BEGIN { printf "%.1f", s }')
}

# baseline P: prints wall_s of guacenc + ffmpeg over the backlog, P at a time
baseline() {
  local p=$1 w="$top/guacenc-p$1" t0 t1
  backlog "$w/in" "g$p"
  mkdir -p "$w/out"
  t0=$(now)
  find "$w/in" -name '*.guac' -print0 | sort -z | BENCH_OUT="$w/out" xargs -0 -P "$p" -n 1 bash -c \
    '. scripts/lib/bench.sh; bench_baseline "$1" "$BENCH_OUT/$(basename "$1" .guac).mp4"' _ \
    >"$top/guacenc-p$p.log" 2>&1 || true
  t1=$(now)
  local made; made=$(find "$w/out" -name '*.mp4' -size +0 | wc -l)
  [ "$made" -eq "$BACKLOG" ] || { echo "baseline: only $made of $BACKLOG MP4s made" >&2; exit 1; }
  rm -rf "$w"
  awk -v a="$t1" -v b="$t0" 'BEGIN { printf "%.1f\n", a - b }'
}

bench_load "start"
echo "encoder: $RP_ENC_JAR (native converter, JVM ${RP_JAVA_OPTS[*]} -Xmx1g); simulator: $RP_SIM_JAR"
echo "baseline: $BENCH_GUACENC -s WxH -r 2000000, then ffmpeg libx264 veryfast crf 23, xargs -P N"
echo "backlog: $BACKLOG copies of ${#sources[@]} recordings from $BENCH_REC (round robin), fresh ids per run"
for p in $PARALLELISMS; do
  native "$p"
  echo "parallelism $p: encoder done in ${N_WALL[$p]} s"
  G_WALL[$p]=$(baseline "$p")
  echo "parallelism $p: guacenc + ffmpeg done in ${G_WALL[$p]} s"
done
echo
fmt="%-11s | %9s %7s %9s %7s | %9s %7s | %8s\n"
printf "$fmt" parallelism enc_wall_s rec/min busy_s rec/min base_wall rec/min speedup
for p in $PARALLELISMS; do
  awk -v p="$p" -v n="$BACKLOG" -v w="${N_WALL[$p]}" -v s="${N_SPAN[$p]}" -v g="${G_WALL[$p]}" -v fmt="$fmt" 'BEGIN {
    printf fmt, p, sprintf("%.1f", w), sprintf("%.1f", n * 60 / w), sprintf("%.1f", s), sprintf("%.1f", n * 60 / s),
      sprintf("%.1f", g), sprintf("%.1f", n * 60 / g), sprintf("%.2fx", g / w) }'
done
echo "enc_wall_s: encoder launch -> every session Processed (JVM start-up, first scan included);"
echo "busy_s: first Processing -> last Processed (simulator history); base_wall: guacenc + ffmpeg, xargs -P;"
echo "speedup: base_wall / enc_wall_s"
bench_load "end"
