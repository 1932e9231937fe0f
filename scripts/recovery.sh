#!/usr/bin/env bash
# Timed recovery scenarios of the whole pipeline with the services' DEFAULT settings (leases,
# intervals, delays, owner time-out): each scenario starts the EmpowerID simulator, S3Mock, one
# encoder and one uploader on 127.0.0.1, feeds every shared recording under fresh ids, breaks one
# thing at a chosen moment and measures how long the pipeline takes to have every session
# `Uploaded`, exactly one stored object each and nothing left on disk. See docs/chaos.md.
#
#   scripts/recovery.sh [--scenarios LIST] [--limit SEC] [--outage SEC] [--work-dir DIR]
#                       [--no-build] [--recordings DIR]
#
#   --scenarios LIST  comma-separated, default all four:
#                     encoder-kill    kill -9 of the encoder's JVM mid-conversion (an ffmpeg child
#                                     running), started again at once
#                     uploader-kill   kill -9 of the uploader's JVM mid-upload (a session
#                                     `Uploading`), started again at once
#                     encoder-outage  EmpowerID answers 503 to every call for --outage seconds,
#                                     starting mid-conversion; 30 s into it the encoder is stopped
#                                     (SIGTERM) and started again
#                     uploader-outage the same with the uploader, starting mid-upload
#   --limit SEC       the longest a scenario may take, from the restart (kill) or from the end of
#                     the outage, to every session Uploaded (default 120)
#   --outage SEC      the length of the EmpowerID outage (default 300)
#   --work-dir DIR    logs and data (default ./.recovery, emptied at the start)
#
# Exit code 0 only when every scenario met its limit with nothing lost, duplicated or left behind.
set -Eeuo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
RP_ROOT=$root RP_TAG=recovery
# shellcheck source=lib/pipeline.sh
. "$root/scripts/lib/pipeline.sh"

scenarios="encoder-kill,uploader-kill,encoder-outage,uploader-outage"
limit=120
outage=300
work_base="$root/.recovery"
build=auto
recordings="${RECPIPE_RECORDINGS:-$root/../shared/recordings}"
[ -n "${RECPIPE_RECORDINGS:-}" ] || [ -d "$recordings" ] || recordings="$root/testdata/recordings"

usage() { sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; }
number() { [[ "$2" =~ ^[0-9]+$ ]] || { echo "recovery: $1 takes a whole number, not: $2" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --scenarios) scenarios=${2:?}; shift 2 ;;
    --limit) number "$1" "${2:-}"; limit=$2; shift 2 ;;
    --outage) number "$1" "${2:-}"; outage=$2; shift 2 ;;
    --work-dir) work_base=${2:?}; shift 2 ;;
    --recordings) recordings=${2:?}; shift 2 ;;
    --no-build) build=never; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "recovery: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
IFS=, read -r -a chosen <<<"$scenarios"
for s in "${chosen[@]}"; do
  case "$s" in encoder-kill|uploader-kill|encoder-outage|uploader-outage) ;;
    *) echo "recovery: unknown scenario: $s" >&2; exit 2 ;;
  esac
done
for tool in java mvn curl jq ffmpeg setsid ps; do
  command -v "$tool" >/dev/null || { echo "recovery: $tool is needed (see scripts/setup-machine.sh)" >&2; exit 1; }
done
shopt -s nullglob
sources=("$recordings"/*.guac)
[ ${#sources[@]} -gt 0 ] || { echo "recovery: no .guac files in $recordings" >&2; exit 1; }

rp_build "$build" -Dspotless.check.skip=true

if [ -d "$work_base" ] && [ -n "$(ls -A "$work_base")" ] && [ ! -f "$work_base/.recpipe-recovery" ]; then
  echo "recovery: $work_base is not empty and not a recovery work dir; choose another --work-dir" >&2; exit 2
fi
rm -rf "$work_base"; mkdir -p "$work_base"; touch "$work_base/.recpipe-recovery"
echo '*' >"$work_base/.gitignore"
work_base=$(cd "$work_base" && pwd)

trap 'rp_stop_groups' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

note() { printf 'recovery: [%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
# The simulator speaks plain http on 127.0.0.1 (refused unless allowed).
export EMPOWERID_ALLOW_INSECURE_HTTP=true
export EMPOWERID_API_KEY=sim-api-key EMPOWERID_CLIENT_ID=recpipe EMPOWERID_CLIENT_SECRET=sim-client-secret
export UPLOADER_STORE_S3_ACCESS_KEY=recovery UPLOADER_STORE_S3_SECRET_KEY=recovery-secret
# The services' default schedules, leases and owner time-out; only paths and ports are set.
export RP_DEFAULT_SCHEDULES=1
RP_SERVICE_JAVA_OPTS=(-XX:+ExitOnOutOfMemoryError)
bucket=recordings

sessions_json='[]'
refresh() { local fresh; if fresh=$(curl -fsS --max-time 5 "$sim/sessions"); then sessions_json=$fresh; fi; }
count_word() { jq --arg w "$1" --argjson ids "$ids_json" '[.[] | select(.sessionId as $s | $ids | index($s)) | select(.recordingStatus == $w)] | length' <<<"$sessions_json"; }
any_word() { [ "$(count_word "$1")" -gt 0 ]; }
children() { { ps -o comm= -s "$1" 2>/dev/null || true; } | grep -cx "$2" || true; }

# wait_until SECONDS CONDITION...: polls the condition every POLL seconds (default 1); 1 on
# time-out.
wait_until() {
  local deadline=$(( SECONDS + $1 )); shift
  while ! "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep "${POLL:-1}"; refresh
  done
}
all_uploaded() { refresh; [ "$(count_word Uploaded)" -eq "${#ids[@]}" ]; }
encoder_converting() { any_word Processing && [ "$(children "${RP_PID[encoder]}" ffmpeg)" -gt 0 ]; }
uploader_uploading() { any_word Uploading; }

results=()
failed=0

run_scenario() { # name
  local scenario=$1 work id n=0 sim_port s3_port s3_tls_port enc_port upl_port
  local t_break t_restart t_outage_end="" t_done from_restart from_end="-" problems=()
  work="$work_base/$scenario"
  mkdir -p "$work"/{logs,session_files,recording,store,incoming}
  RP_WORK=$work
  RP_GROUPS=()
  rp_free_port; sim_port=$REPLY; rp_free_port; s3_port=$REPLY; rp_free_port; s3_tls_port=$REPLY
  rp_free_port; enc_port=$REPLY; rp_free_port; upl_port=$REPLY
  sim="http://127.0.0.1:$sim_port"
  export EMPOWERID_BASE_URL="$sim"
  note "$scenario: starting the simulator and S3Mock"
  rp_start_simulator simulator "$sim_port"
  rp_start_s3mock s3mock "$s3_port" "$s3_tls_port" "$work/store" "$bucket"
  rp_s3_args "$s3_port" "$bucket"
  rp_wait_for simulator "$sim/actuator/health" 240
  rp_wait_for s3mock "http://127.0.0.1:$s3_port/" 240

  ids=()
  local suffix; suffix=$(printf '%04x' $(( RANDOM )))
  for f in "${sources[@]}"; do
    n=$(( n + 1 ))
    id="$scenario-$suffix-$n"
    curl -fsS --max-time 10 -o /dev/null -X POST -H 'Content-Type: application/json' \
      -d "{\"sessionId\":\"$id\",\"sessionStatus\":\"Closed\",\"storageMode\":\"AWS\"}" "$sim/sessions" \
      || rp_fail "the simulator refused session $id"
    cp "$f" "$work/incoming/$id.guac"; mv "$work/incoming/$id.guac" "$work/session_files/$id.guac"
    ids+=("$id")
  done
  ids_json=$(printf '%s\n' "${ids[@]}" | jq -R . | jq -sc .)
  note "$scenario: ${#ids[@]} sessions dropped in; starting the encoder and the uploader (default settings)"
  # The services start with the recordings there: their first scan (10 s after start) finds them.
  rp_start_encoder encoder "$enc_port" "$work/session_files" "$work/recording" "$work/encoder-data"
  rp_start_uploader uploader "$upl_port" "$work/recording" "$work/uploader-data" "${RP_S3_ARGS[@]}"
  rp_wait_for encoder "$(rp_liveness encoder)" 240
  rp_wait_for uploader "$(rp_liveness uploader)" 240

  local target=${scenario%%-*} moment
  case "$scenario" in
    encoder-*) moment=encoder_converting ;;
    uploader-*) moment=uploader_uploading ;;
  esac
  # (A later scan may be up to the default interval of 5 minutes away.)
  # An upload of a few MB to S3Mock lasts about a second: look often.
  POLL=0.2 wait_until 660 "$moment" || rp_fail "$scenario: the $target never got to work within 660 s"
  t_break=$SECONDS
  case "$scenario" in
    *-kill)
      note "$scenario: kill -9 of the $target's JVM (pid ${RP_PID[$target]}), mid-work; started again at once"
      kill -KILL "${RP_PID[$target]}"
      wait "${RP_PID[$target]}" 2>/dev/null || true
      rp_relaunch "$target"
      t_restart=$SECONDS
      ;;
    *-outage)
      note "$scenario: EmpowerID answers 503 to every call for $outage s, from now"
      curl -fsS --max-time 10 -o /dev/null -X POST -H 'Content-Type: application/json' \
        -d "{\"status\":503,\"durationMs\":$(( outage * 1000 )),\"target\":\"all\"}" "$sim/faults" \
        || rp_fail "the simulator refused the outage"
      sleep 30
      note "$scenario: SIGTERM to the $target, 30 s into the outage; started again when it has exited"
      kill -TERM "${RP_PID[$target]}"
      local waited=0
      while kill -0 "${RP_PID[$target]}" 2>/dev/null && [ $waited -lt 120 ]; do sleep 1; waited=$(( waited + 1 )); done
      kill -0 "${RP_PID[$target]}" 2>/dev/null && { problems+=("the $target did not stop within 120 s of SIGTERM"); kill -KILL "${RP_PID[$target]}"; }
      wait "${RP_PID[$target]}" 2>/dev/null || true
      rp_relaunch "$target"
      t_restart=$SECONDS
      t_outage_end=$(( t_break + outage ))
      ;;
  esac
  rp_wait_for "$target" "$(rp_liveness "$target")" 240
  note "$scenario: the $target is up again ($(( SECONDS - t_restart )) s after its start)"
  local patience=$(( limit + 600 ))
  [ -z "$t_outage_end" ] || patience=$(( t_outage_end - SECONDS + limit + 600 ))
  if wait_until "$patience" all_uploaded; then
    t_done=$SECONDS
  else
    t_done=""
    problems+=("not every session Uploaded after $patience s more")
  fi
  refresh
  if [ -n "$t_done" ]; then
    from_restart=$(( t_done - t_restart ))
    if [ -n "$t_outage_end" ]; then
      from_end=$(( t_done - t_outage_end ))
      [ "$from_end" -le "$limit" ] || problems+=("all Uploaded $from_end s after the outage ended (limit $limit s)")
    else
      [ "$from_restart" -le "$limit" ] || problems+=("all Uploaded $from_restart s after the restart (limit $limit s)")
    fi
  else
    from_restart=never
  fi
  # Each session: exactly one object, no file left, no step back (Uploaded last).
  local keys objects left
  keys=$(curl -fsS --max-time 20 "http://127.0.0.1:$s3_port/$bucket?list-type=2&max-keys=1000" | grep -o '<Key>[^<]*</Key>' | sed 's/<[^>]*>//g' || true)
  for id in "${ids[@]}"; do
    objects=$(grep -c "^\(.*/\)\{0,1\}$id\.mp4$" <<<"$keys" || true)
    [ "$objects" -eq 1 ] || problems+=("$id: $objects stored objects")
  done
  left=$(find "$work/session_files" "$work/recording" -maxdepth 1 -type f | wc -l)
  [ "$left" -eq 0 ] || problems+=("$left files left in the recordings or MP4 directory: $(find "$work/session_files" "$work/recording" -maxdepth 1 -type f -printf '%f ')")
  local orphans
  orphans=$(ps -eo comm=,args= | grep -E '^(ffmpeg|guacenc) ' | grep -cF "$work" || true)
  [ "$orphans" -eq 0 ] || problems+=("$orphans converter processes running with no work left")
  rp_stop_groups
  local verdict=ok
  if [ ${#problems[@]} -gt 0 ]; then
    verdict=FAILED; failed=$(( failed + 1 ))
    for p in "${problems[@]}"; do note "$scenario: !! $p"; done
    rp_log_tails 30
  fi
  results+=("$(printf '%-16s %8s %8s %13s %16s  %s' "$scenario" "${#ids[@]}" "$(count_word Uploaded)" "$from_restart" "$from_end" "$verdict")")
  note "$scenario: $verdict"
}

for s in "${chosen[@]}"; do run_scenario "$s"; done

printf '\n%-16s %8s %8s %13s %16s  %s\n' scenario sessions uploaded "s.restart" "s.outage-end" result
printf '%s\n' "${results[@]}"
printf 'recovery: limit %s s, outage %s s, recordings %s\n' "$limit" "$outage" "$recordings"
[ "$failed" -eq 0 ]
