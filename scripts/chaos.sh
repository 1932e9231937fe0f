#!/usr/bin/env bash
# Chaos run of the whole pipeline on one machine: starts the EmpowerID simulator, S3Mock, the
# encoder and the uploader as processes on 127.0.0.1 (--postgres: two encoders and two uploaders
# sharing a fresh PostgreSQL database), feeds N copies of the shared recordings under fresh ids,
# injects one random fault per round, then checks every session and prints a table. See
# docs/chaos.md.
#
#   scripts/chaos.sh [--rounds R] [--sessions N] [--seed S] [--timeout SEC] [--work-dir DIR]
#                    [--no-build] [--postgres] [--keep-db] [--faults LIST] [--recordings DIR]
#
#   --rounds R       faults to inject, one per round, a random wait apart (default 3; 0: none)
#   --sessions N     recordings to feed (default 12), dropped in over the first minutes
#   --seed S         seeds the choice of recordings, faults, targets and waits (default: random,
#                    printed); the same seed gives the same plan (timings still vary)
#   --timeout SEC    the longest wait, from the first recording dropped in, for every session to
#                    settle (default 900)
#   --faults LIST    the kinds to draw from, comma-separated (default all):
#                    kill,term,503,revoke,409,s3down,poison
#   --work-dir DIR   logs, data directories, the store (default ./.chaos, emptied at the start)
#   --no-build       use the jars as they are (else built when stale)
#   --postgres       two of each service on PostgreSQL at 127.0.0.1:5432 (user postgres, trust)
#   --keep-db        keep the run's databases (default: dropped at the end)
#
# Exit code 0 only when no session is lost, duplicated, stranded or bad and no converter process
# is left behind; 1 otherwise; 2 for wrong usage.
set -Eeuo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
RP_ROOT=$root RP_TAG=chaos
# shellcheck source=lib/pipeline.sh
. "$root/scripts/lib/pipeline.sh"

rounds=3
sessions=12
seed=""
timeout_s=900
work="$root/.chaos"
build=auto
postgres=false
keep_db=false
fault_kinds="kill,term,503,revoke,409,s3down,poison"
recordings="${RECPIPE_RECORDINGS:-$root/../shared/recordings}"
[ -n "${RECPIPE_RECORDINGS:-}" ] || [ -d "$recordings" ] || recordings="$root/testdata/recordings"

usage() { sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; }
number() { [[ "$2" =~ ^[0-9]+$ ]] || { echo "chaos: $1 takes a whole number, not: $2" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) number "$1" "${2:-}"; rounds=$2; shift 2 ;;
    --sessions) number "$1" "${2:-}"; sessions=$2; shift 2 ;;
    --seed) number "$1" "${2:-}"; seed=$2; shift 2 ;;
    --timeout) number "$1" "${2:-}"; timeout_s=$2; shift 2 ;;
    --work-dir) work=${2:?}; shift 2 ;;
    --faults) fault_kinds=${2:?}; shift 2 ;;
    --recordings) recordings=${2:?}; shift 2 ;;
    --no-build) build=never; shift ;;
    --build) build=always; shift ;;
    --postgres) postgres=true; shift ;;
    --keep-db) keep_db=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "chaos: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
IFS=, read -r -a kinds <<<"$fault_kinds"
for k in "${kinds[@]}"; do
  case "$k" in kill|term|503|revoke|409|s3down|poison) ;;
    *) echo "chaos: unknown fault kind: $k (kill,term,503,revoke,409,s3down,poison)" >&2; exit 2 ;;
  esac
done
[ "${#kinds[@]}" -gt 0 ] || { echo "chaos: --faults is empty" >&2; exit 2; }
[ "$sessions" -gt 0 ] || { echo "chaos: --sessions must be at least 1" >&2; exit 2; }
[ -n "$seed" ] || seed=$(( (RANDOM * 32768 + RANDOM) % 1000000 ))

trap 'echo "chaos: internal error at line $LINENO: $BASH_COMMAND" >&2' ERR

# --- tools ------------------------------------------------------------------------------------
for tool in java mvn curl jq ffprobe ffmpeg sha256sum setsid ps; do
  command -v "$tool" >/dev/null || { echo "chaos: $tool is needed (see scripts/setup-machine.sh)" >&2; exit 1; }
done
if $postgres; then
  command -v psql >/dev/null || { echo "chaos: --postgres needs psql" >&2; exit 1; }
  psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1 \
    || { echo "chaos: --postgres: psql -h 127.0.0.1 -U postgres does not connect" >&2; exit 1; }
fi
shopt -s nullglob
sources=()
for name in ssh-1 vnc-1-short vnc-4-pngjpeg rdp-1 vnc-5-idle; do
  for f in "$recordings/$name"-*.guac; do sources+=("$f"); done
done
[ ${#sources[@]} -gt 0 ] || sources=("$recordings"/*.guac)
[ ${#sources[@]} -gt 0 ] || { echo "chaos: no .guac files in $recordings" >&2; exit 1; }

# --- build ------------------------------------------------------------------------------------
# Formatting is the build's concern, not this run's: a format slip must not stop a chaos run.
rp_build "$build" -Dspotless.check.skip=true

# --- work directory ---------------------------------------------------------------------------
# Only a directory this script made (it holds .recpipe-chaos) or an empty one is emptied.
if [ -d "$work" ] && [ -n "$(ls -A "$work")" ] && [ ! -f "$work/.recpipe-chaos" ]; then
  echo "chaos: $work is not empty and not a chaos work dir; choose another --work-dir" >&2; exit 2
fi
rm -rf "$work"
mkdir -p "$work"/{logs,session_files,recording,store,incoming,check}
touch "$work/.recpipe-chaos"
echo '*' >"$work/.gitignore"
work=$(cd "$work" && pwd)
RP_WORK=$work
in_dir="$work/session_files"  # the .guac recordings (the encoder's input)
mp4_dir="$work/recording"     # the MP4s (the encoder's output, the uploader's input)

# --- seeded random numbers (an LCG of our own: $RANDOM is also used for ports) ---------------
rng_state=$seed
rng_next() { rng_state=$(( rng_state * 6364136223846793005 + 1442695040888963407 )); REPLY=$(( (rng_state >> 33) & 0x7fffffff )); }
rng_int() { rng_next; REPLY=$(( $1 + REPLY % ($2 - $1 + 1) )); } # lo hi -> REPLY
rng_next; rng_next

t0=$SECONDS
now() { echo $(( SECONDS - t0 )); }
note() { printf 'chaos: [%s %+5ds] %s\n' "$(date +%H:%M:%S)" "$(( SECONDS - t0 ))" "$*"; }

# --- clean-up ---------------------------------------------------------------------------------
databases=()
cleanup() {
  local rc=$? db
  trap - EXIT INT TERM ERR
  rp_stop_groups
  if ! $keep_db; then
    for db in "${databases[@]}"; do
      psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    done
  elif [ ${#databases[@]} -gt 0 ]; then
    echo "chaos: databases kept: ${databases[*]}"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- processes --------------------------------------------------------------------------------
rp_free_port; sim_port=$REPLY; rp_free_port; s3_port=$REPLY; rp_free_port; s3_tls_port=$REPLY
sim="http://127.0.0.1:$sim_port"
s3="http://127.0.0.1:$s3_port"
bucket=recordings
replicas=1
$postgres && replicas=2
encoders=() uploaders=()
declare -A port=() health=() state=() restart_at=() down_since=() crashes=()

note "seed $seed, rounds $rounds, sessions $sessions, faults from: ${kinds[*]}, work dir $work"
# A short owner time-out, so a takeover after a crash is quick (older simulators ignore it).
rp_start_simulator simulator "$sim_port" --simulator.owner-timeout=20s
rp_start_s3mock s3mock "$s3_port" "$s3_tls_port" "$work/store" "$bucket"
health[s3mock]="$s3/"; port[s3mock]=$s3_port

# The simulator speaks plain http on 127.0.0.1, which the services refuse unless told.
export EMPOWERID_BASE_URL="$sim" EMPOWERID_ALLOW_INSECURE_HTTP=true EMPOWERID_API_KEY=sim-api-key \
  EMPOWERID_CLIENT_ID=recpipe EMPOWERID_CLIENT_SECRET=sim-client-secret
# The services' owner time-out is the simulator's (a takeover waits it out), heartbeats twice in it.
export EMPOWERID_OWNER_TIMEOUT=20s EMPOWERID_HEARTBEAT_INTERVAL=5s
export UPLOADER_STORE_S3_ACCESS_KEY=chaos UPLOADER_STORE_S3_SECRET_KEY=chaos-secret
# As in the images: an OutOfMemoryError ends the JVM (and the supervisor below starts it again).
RP_SERVICE_JAVA_OPTS=(-XX:+ExitOnOutOfMemoryError)
enc_db_args=() upl_db_args=()
if $postgres; then
  suffix=$(printf '%s_%04x' "$seed" $(( RANDOM )))
  for role in encoder uploader; do
    db="chaos_${suffix}_$role"
    psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE $db" >/dev/null \
      || rp_fail "cannot create the database $db"
    databases+=("$db")
  done
  enc_db_args=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/${databases[0]}"
    --spring.datasource.username=postgres --spring.datasource.password=)
  upl_db_args=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/${databases[1]}"
    --spring.datasource.username=postgres --spring.datasource.password=)
  note "PostgreSQL databases: ${databases[*]}"
fi
rp_s3_args "$s3_port" "$bucket"
for i in $(seq 1 "$replicas"); do
  rp_free_port; port[encoder-$i]=$REPLY
  rp_free_port; port[uploader-$i]=$REPLY
  rp_start_encoder "encoder-$i" "${port[encoder-$i]}" "$in_dir" "$mp4_dir" "$work/encoder-$i" \
    ${enc_db_args[@]+"${enc_db_args[@]}"}
  rp_start_uploader "uploader-$i" "${port[uploader-$i]}" "$mp4_dir" "$work/uploader-$i" \
    "${RP_S3_ARGS[@]}" ${upl_db_args[@]+"${upl_db_args[@]}"}
  encoders+=("encoder-$i"); uploaders+=("uploader-$i")
  health[encoder-$i]=$(rp_liveness "encoder-$i")
  health[uploader-$i]=$(rp_liveness "uploader-$i")
done
services=("${encoders[@]}" "${uploaders[@]}")
supervised=("${services[@]}" s3mock)
for name in "${supervised[@]}"; do state[$name]=up; crashes[$name]=0; done

note "starting the simulator, S3Mock, ${services[*]}"
rp_wait_for simulator "$sim/actuator/health" 240
rp_wait_for s3mock "$s3/" 240
for name in "${services[@]}"; do rp_wait_for "$name" "${health[$name]}" 240; done
note "all up: simulator $sim, S3Mock $s3 (bucket $bucket), $(for n in "${services[@]}"; do printf '%s :%s ' "$n" "${port[$n]}"; done)"

# --- the simulator's fault API ---------------------------------------------------------------
# A simulator with time-window faults echoes durationMs; an older one ignores it (and a window is
# then a fault with a large count, cleared with DELETE /faults when the window ends).
sim_post() { # path json -> REPLY (body), HTTP code in CODE
  local out
  out=$(curl -sS --max-time 10 -w '\n%{http_code}' -X POST -H 'Content-Type: application/json' \
    -d "$2" "$sim$1" 2>&1) || true
  CODE=${out##*$'\n'}; REPLY=${out%$'\n'*}
}
sim_post /faults '{"delayMs":0,"durationMs":1,"target":"all"}'
if [ "$CODE" = 201 ] && [[ "$REPLY" == *durationMs*1* ]]; then
  windows=native
else
  windows=emulated
  note "the simulator has no fault windows: a window is emulated (count, then DELETE /faults)"
fi
curl -fsS --max-time 10 -X DELETE "$sim/faults" >/dev/null || true

fault_window() { # json-without-window duration-ms -> arms it
  local spec=$1 ms=$2
  if [ "$windows" = native ]; then
    sim_post /faults "${spec%\}},\"durationMs\":$ms,\"target\":\"all\"}"
  else
    sim_post /faults "${spec%\}},\"count\":1000000}"
  fi
  [ "$CODE" = 201 ] || note "WARNING: the simulator refused the fault $spec: $CODE $REPLY"
}
fault_window_end() { [ "$windows" = native ] || curl -fsS --max-time 10 -X DELETE "$sim/faults" >/dev/null || true; }

# A takeover window: 409 to every status update of the sessions in progress (Processing, Uploading)
# now. Not of the others: by the contract a 409 on a session a service never worked on means
# another deployment has it, and dropping it is right; so the fault spares sessions whose next
# step has not started. Armed again (at most 3 times) if what is in progress changed meanwhile.
in_progress() {
  jq -r '[.[] | select(.recordingStatus == "Processing" or .recordingStatus == "Uploading") | .sessionId]
    | sort | join(" ")' <<<"$sessions_json"
}
arm_takeover() { # duration-ms -> REPLY: the sessions armed
  local ms=$1 armed="" targets id _
  for _ in 1 2 3; do
    refresh; targets=$(in_progress)
    [ "$targets" != "$armed" ] || break
    curl -fsS --max-time 10 -X DELETE "$sim/faults" >/dev/null || true
    for id in $targets; do fault_window "{\"conflict\":true,\"sessionId\":\"$id\"}" "$ms"; done
    armed=$targets
  done
  REPLY=$armed
}

# DELETE /tokens: every token issued is revoked; each client's next call gets 401 and must renew.
revoke_tokens() {
  local code
  code=$(curl -sS -o /dev/null --max-time 10 -w '%{http_code}' -X DELETE "$sim/tokens") || true
  [ "$code" = 204 ] || note "WARNING: DELETE /tokens answered $code"
}

# --- S3Mock -----------------------------------------------------------------------------------
s3_keys() { # every key in the bucket, one a line (ListObjectsV2, all pages); fails when S3 fails
  local token="" page next
  for _ in $(seq 1 1000); do
    page=$(curl -fsS --max-time 20 "$s3/$bucket?list-type=2&max-keys=1000${token:+&continuation-token=$(jq -rn --arg t "$token" '$t|@uri')}") || return 1
    grep -o '<Key>[^<]*</Key>' <<<"$page" | sed 's/<[^>]*>//g' || true
    next=$(grep -o '<NextContinuationToken>[^<]*</NextContinuationToken>' <<<"$page" | sed 's/<[^>]*>//g' || true)
    [ -n "$next" ] || return 0
    token=$next
  done
}

# --- the sessions -----------------------------------------------------------------------------
ids=()               # every session fed, in order
declare -A source_of=() poison=() fed_at=()
fed=0
json_ids='[]'

# drop ID FILE: registers a closed session, then copies the recording beside and renames it in.
drop() {
  local id=$1 file=$2
  sim_post /sessions "{\"sessionId\":\"$id\",\"sessionStatus\":\"Closed\",\"storageMode\":\"AWS\"}"
  [[ "$CODE" == 20? ]] || rp_fail "the simulator refused session $id: $CODE $REPLY"
  cp "$file" "$work/incoming/$id.guac"
  mv "$work/incoming/$id.guac" "$in_dir/$id.guac"
  ids+=("$id"); fed_at[$id]=$(now)
  json_ids=$(jq -c --arg id "$id" '. + [$id]' <<<"$json_ids")
}

feed_one() {
  local n=$(( fed + 1 )) id src
  src=${feed_src[$fed]}
  id="chaos-$seed-$n"
  drop "$id" "$src"
  source_of[$id]=$(basename "$src" .guac)
  fed=$n
  note "session $id dropped in ($(basename "$src"))"
}

# A recording the services cannot convert: layers of 8192x8192 (about 10 GB of pixels), or text.
make_poison() { # kind file
  local i t
  if [ "$1" = huge ]; then
    {
      printf '4.size,1.0,4.1024,3.768;'
      for i in $(seq 1 40); do
        t=$(( 1000 + i * 40 ))
        printf '4.size,%d.%d,4.8192,4.8192;4.move,%d.%d,1.0,1.0,1.0,%d.%d;' ${#i} "$i" ${#i} "$i" ${#i} "$i"
        printf '4.rect,%d.%d,1.0,1.0,4.8192,4.8192;5.cfill,2.14,%d.%d,3.200,2.10,2.10,3.255;' ${#i} "$i" ${#i} "$i"
        printf '4.sync,%d.%d,1.1;' ${#t} "$t"
      done
    } >"$2"
  else
    for i in $(seq 1 200); do printf 'this is not a Guacamole recording, line %d\n' "$i"; done >"$2"
  fi
}

# --- supervision: a service that exits by itself is started again, as an orchestrator would ---
children_of() { { ps -o pid=,comm= -s "$1" 2>/dev/null || true; } | awk '{printf "%s%s(%s)", sep, $2, $1; sep=" "}'; }

declare -A old_groups=() orphan_seen=()
orphan_notes=()
reap() { # name -> exit code of its last process in REPLY
  REPLY=0
  wait "${RP_PID[$1]}" 2>/dev/null || REPLY=$?
  old_groups[$1]="${old_groups[$1]:- }${RP_PID[$1]} "
}

# Converter processes of NAME's earlier (dead) processes still running now that NAME is healthy
# again: its start-up should have ended them. Each counts as an orphan.
left_behind() { # name
  local pid sid comm
  while read -r pid sid comm; do
    [[ "${old_groups[$1]:-}" == *" $sid "* ]] || continue
    case "$comm" in ffmpeg|guacenc) ;; *) continue ;; esac
    [ -z "${orphan_seen[$pid]:-}" ] || continue
    orphan_seen[$pid]=1
    orphan_notes+=("$comm($pid), left by a dead $1, still running when $1 was healthy again")
    note "orphan: $comm($pid), left by a dead $1, still running now that $1 is healthy again"
  done < <(ps -eo pid=,sid=,comm= || true)
}

supervise() {
  local name left backoff
  for name in "${supervised[@]}"; do
    case "${state[$name]}" in
      up|starting)
        if ! rp_alive "$name"; then
          reap "$name"
          crashes[$name]=$(( crashes[$name] + 1 ))
          backoff=$(( 2 ** (crashes[$name] < 5 ? crashes[$name] : 5) ))
          left=$(children_of "${RP_PID[$name]}")
          note "$name (pid ${RP_PID[$name]}) exited by itself, exit code $REPLY${left:+, left behind: $left}; starting it again in $backoff s"
          state[$name]=down; restart_at[$name]=$(( $(now) + backoff )); down_since[$name]=$(now)
        elif [ "${state[$name]}" = starting ] && rp_probe "${health[$name]}"; then
          state[$name]=up
          left_behind "$name"
          note "$name healthy again (pid ${RP_PID[$name]}, $(( $(now) - down_since[$name] )) s after it went down)"
        fi ;;
      down)
        if [ "$(now)" -ge "${restart_at[$name]}" ]; then
          rp_relaunch "$name"
          printf '\n===== chaos: restarted at %s =====\n' "$(date -Is)" >>"$work/logs/$name.log"
          state[$name]=starting
          note "$name started again (pid ${RP_PID[$name]})"
        fi ;;
    esac
  done
}

# --- the faults -------------------------------------------------------------------------------
# One fault at a time: phase idle (waiting for the next round), then active until restored.
round=0
phase=idle
next_at=0
fault_until=0
fault_target=""
fault_desc=""
fault_started=0
last_fault_end=-1
poisons=0
s3_before=""
fault_log=()

pick_gap() { next_at=$(( $(now) + plan_gap[round + 1] )); }

# Whether the target has work under way (a fault then hits mid-conversion or mid-upload).
busy() { # word
  jq -e --arg w "$1" 'any(.[]; .recordingStatus == $w)' <<<"$sessions_json" >/dev/null 2>&1
}

start_fault() {
  local target delay ms kind
  round=$(( round + 1 )); kind=${plan_kind[$round]}; fault_started=$(now)
  case "$kind" in
    kill|term)
      target=${services[${plan_target[$round]}]}
      # Wait (at most 15 s) for the target's kind of work, so the fault lands mid-work.
      local word=Processing; [[ "$target" == uploader* ]] && word=Uploading
      local waited=0
      while ! busy "$word" && [ "$waited" -lt 15 ]; do sleep 1; waited=$(( waited + 1 )); tick; done
      if [ "${state[$target]}" != up ]; then
        fault_desc="$kind $target: skipped, it is ${state[$target]}"
        note "fault $round/$rounds: $fault_desc"; end_fault; return
      fi
      fault_target=$target
      if [ "$kind" = kill ]; then
        delay=${plan_delay[$round]}
        kill -KILL "${RP_PID[$target]}" 2>/dev/null || true
        reap "$target"; sleep 0.5
        local left; left=$(children_of "${RP_PID[$target]}")
        fault_desc="kill -9 $target (pid ${RP_PID[$target]}), restart in $delay s"
        note "fault $round/$rounds: $fault_desc${left:+; left behind: $left}"
        state[$target]=down; restart_at[$target]=$(( $(now) + delay )); down_since[$target]=$(now)
      else
        fault_desc="SIGTERM $target (pid ${RP_PID[$target]}), restart once it has stopped"
        note "fault $round/$rounds: $fault_desc"
        kill -TERM "${RP_PID[$target]}" 2>/dev/null || true
        state[$target]=stopping; down_since[$target]=$(now); fault_until=$(( $(now) + 60 ))
      fi
      phase=restoring ;;
    503)
      ms=$(( plan_window[round] * 1000 ))
      fault_window '{"status":503}' "$ms"
      fault_desc="EmpowerID answers 503 to every call, token calls included, for $(( ms / 1000 )) s"
      note "fault $round/$rounds: $fault_desc"
      fault_until=$(( $(now) + ms / 1000 )); phase=window ;;
    409)
      ms=$(( plan_window[round] * 1000 ))
      local waited=0
      while ! busy Processing && ! busy Uploading && [ "$waited" -lt 15 ]; do sleep 1; waited=$(( waited + 1 )); tick; done
      arm_takeover "$ms"
      if [ -z "$REPLY" ]; then
        fault_desc="409 window: skipped, no session in progress"; note "fault $round/$rounds: $fault_desc"; end_fault; return
      fi
      fault_desc="EmpowerID answers 409 to every status update of $REPLY (in progress: as if taken over) for $(( ms / 1000 )) s"
      note "fault $round/$rounds: $fault_desc"
      fault_until=$(( $(now) + ms / 1000 )); phase=window ;;
    revoke)
      # Half the time the client secret is "rotated" too: the token endpoint answers 401 for a while
      # (needs a simulator with fault windows).
      if [ "${plan_coin[$round]}" -eq 1 ] && [ "$windows" = native ]; then
        ms=$(( plan_window[round] * 1000 ))
        sim_post /faults "{\"status\":401,\"durationMs\":$ms,\"target\":\"token\"}"
        [ "$CODE" = 201 ] || note "WARNING: the simulator refused the token fault: $CODE $REPLY"
        revoke_tokens
        fault_desc="every EmpowerID token revoked, and the token endpoint answers 401 for $(( ms / 1000 )) s"
        note "fault $round/$rounds: $fault_desc"
        fault_until=$(( $(now) + ms / 1000 )); phase=window
      else
        revoke_tokens
        fault_desc="every EmpowerID token revoked (DELETE /tokens)"
        note "fault $round/$rounds: $fault_desc"; end_fault
      fi ;;
    s3down)
      local waited=0
      while ! busy Uploading && [ "$waited" -lt 15 ]; do sleep 1; waited=$(( waited + 1 )); tick; done
      if [ "${state[s3mock]}" != up ]; then
        fault_desc="S3Mock down: skipped, it is ${state[s3mock]}"; note "fault $round/$rounds: $fault_desc"; end_fault; return
      fi
      s3_before=$(s3_keys | sort) || s3_before=""
      kill -KILL "${RP_PID[s3mock]}" 2>/dev/null || true
      reap s3mock
      fault_desc="S3Mock killed (kill -9) and down for 30 s ($(grep -c . <<<"$s3_before" || true) objects stored)"
      note "fault $round/$rounds: $fault_desc"
      fault_target=s3mock; state[s3mock]=down; restart_at[s3mock]=$(( $(now) + 30 )); down_since[s3mock]=$(now)
      phase=restoring ;;
    poison)
      local pkind=huge id
      [ "${plan_coin[$round]}" -eq 0 ] || pkind=garbage
      poisons=$(( poisons + 1 ))
      id="chaos-$seed-poison-$poisons"
      make_poison "$pkind" "$work/incoming/$id.src"
      drop "$id" "$work/incoming/$id.src"
      rm -f "$work/incoming/$id.src"
      poison[$id]=$pkind; source_of[$id]="poison ($pkind)"
      fault_desc="poison recording $id ($( [ "$pkind" = huge ] && echo '40 layers of 8192x8192' || echo 'text, not a recording'))"
      note "fault $round/$rounds: $fault_desc"; end_fault ;;
  esac
}

# Advances an active fault; ends it once what it broke is back.
advance_fault() {
  case "$phase" in
    window)
      if [ "$(now)" -ge "$fault_until" ]; then fault_window_end; note "fault $round/$rounds over: window closed"; end_fault; fi ;;
    restoring)
      local t=$fault_target
      if [ "${state[$t]}" = stopping ]; then
        if ! rp_alive "$t"; then
          reap "$t"
          local left; left=$(children_of "${RP_PID[$t]}")
          note "$t stopped after SIGTERM, exit code $REPLY, in $(( $(now) - down_since[$t] )) s${left:+; left behind: $left}"
          state[$t]=down; restart_at[$t]=$(now)
        elif [ "$(now)" -ge "$fault_until" ]; then
          note "$t still running 60 s after SIGTERM: kill -9"
          kill -KILL "${RP_PID[$t]}" 2>/dev/null || true
        fi
      elif [ "${state[$t]}" = up ]; then
        if [ "$t" = s3mock ]; then check_s3_kept; fi
        note "fault $round/$rounds over: $t back"
        end_fault
      fi ;;
  esac
}

# A restarted S3Mock must still hold every object it held before it was killed.
check_s3_kept() {
  local after missing
  after=$(s3_keys | sort) || rp_fail "S3Mock restarted but does not list bucket $bucket"
  missing=$(comm -23 <(printf '%s\n' "$s3_before" | grep . || true) <(printf '%s\n' "$after" | grep . || true))
  [ -z "$missing" ] || rp_fail "S3Mock lost objects across its restart (a harness problem): $missing"
  note "S3Mock serves bucket $bucket again with all $(grep -c . <<<"$s3_before" || true) objects it held"
}

end_fault() {
  fault_log+=("$(printf '%5ds-%ss  %s' "$fault_started" "$(now)" "$fault_desc")")
  last_fault_end=$(now)
  phase=idle; fault_target=""
  if [ "$round" -lt "$rounds" ]; then pick_gap; fi
}

# --- the main loop ----------------------------------------------------------------------------
final_words='["Uploaded","ProcessingFailed","UploadFailed"]'
sessions_json='[]'
last_line=""
refresh() {
  local fresh
  if fresh=$(curl -fsS --max-time 5 "$sim/sessions"); then
    sessions_json=$fresh
  else
    rp_alive simulator || rp_fail "the simulator stopped"
  fi
}
feed_due() { while [ "$fed" -lt "$sessions" ] && [ "${feed_times[$fed]}" -le "$(now)" ]; do feed_one; done; }
tick() { supervise; refresh; feed_due; }
settled() {
  jq -e --argjson ids "$json_ids" --argjson fin "$final_words" '
    [.[] | select(.sessionId as $s | $ids | index($s)) | select(.recordingStatus as $w | $fin | index($w))]
    | length == ($ids | length)' <<<"$sessions_json" >/dev/null
}
progress() {
  local line
  line=$(jq -r --argjson ids "$json_ids" '
    [.[] | select(.sessionId as $s | $ids | index($s))]
    | (map(.recordingStatus // "Recorded") | group_by(.) | map("\(.[0]) \(length)") | join(", "))' <<<"$sessions_json")
  line="${#ids[@]} fed${line:+: $line}"
  [ "$line" = "$last_line" ] || note "$line"
  last_line=$line
}

# Drop times: spread over about the time the rounds take, so faults meet work in progress.
feed_span=$(( rounds * 30 > 10 ? rounds * 30 : 10 ))
feed_times=()
for _ in $(seq 1 "$sessions"); do rng_int 0 "$feed_span"; feed_times+=("$REPLY"); done
mapfile -t feed_times < <(printf '%s\n' "${feed_times[@]}" | sort -n)
feed_src=()
for _ in $(seq 1 "$sessions"); do rng_int 0 $(( ${#sources[@]} - 1 )); feed_src+=("${sources[$REPLY]}"); done
# The plan of each round, drawn up front so the seed alone decides it: the wait before it, the
# kind, the target, the restart delay (kill), the window in seconds, a coin (revoke: a token
# window too; poison: text instead of huge layers).
declare -a plan_gap=() plan_kind=() plan_target=() plan_delay=() plan_window=() plan_coin=()
plan_text=""
for r in $(seq 1 "$rounds"); do
  rng_int 10 30; plan_gap[r]=$REPLY
  rng_int 0 $(( ${#kinds[@]} - 1 )); plan_kind[r]=${kinds[$REPLY]}
  rng_int 0 $(( ${#services[@]} - 1 )); plan_target[r]=$REPLY
  rng_int 0 10; plan_delay[r]=$REPLY
  rng_int 10 45; plan_window[r]=$REPLY
  rng_int 0 1; plan_coin[r]=$REPLY
  plan_text+="${plan_kind[r]} "
done
[ "$rounds" -eq 0 ] || note "the plan: ${plan_text% }"
t0=$SECONDS
[ "$rounds" -eq 0 ] || pick_gap
deadline=$(( timeout_s ))
done_at=-1
while true; do
  tick
  case "$phase" in
    idle) if [ "$round" -lt "$rounds" ] && [ "$(now)" -ge "$next_at" ]; then start_fault; fi ;;
    *) advance_fault ;;
  esac
  progress
  if [ "$fed" -ge "$sessions" ] && [ "$round" -ge "$rounds" ] && [ "$phase" = idle ] && settled; then
    done_at=$(now); note "every session settled"; break
  fi
  if [ "$(now)" -ge "$deadline" ]; then note "time-out: not every session settled within $timeout_s s"; break; fi
  sleep 1
done

# Local clean-up after the last word (the uploader deletes its MP4 once EmpowerID has Uploaded).
if [ "$done_at" -ge 0 ]; then
  for _ in $(seq 1 30); do
    [ -z "$(find "$in_dir" "$mp4_dir" -mindepth 1 -print -quit)" ] && break
    sleep 1; supervise
  done
fi

# --- stop the services, then look for converter processes they left behind -------------------
note "stopping ${services[*]} (SIGTERM)"
for name in "${services[@]}"; do rp_alive "$name" && kill -TERM "${RP_PID[$name]}" 2>/dev/null || true; done
slow_stops=()
for _ in $(seq 1 60); do
  alive=false
  for name in "${services[@]}"; do rp_alive "$name" && alive=true; done
  $alive || break
  sleep 0.5
done
for name in "${services[@]}"; do
  if rp_alive "$name"; then
    slow_stops+=("$name"); kill -KILL "${RP_PID[$name]}" 2>/dev/null || true
    note "$name still running 30 s after SIGTERM: kill -9"
  fi
done
sleep 1
# Converter tools (ffmpeg, guacenc) in any session this run started, or working in its directory.
groups=" ${RP_GROUPS[*]} "
orphan_lines=$(ps -eo pid=,sid=,comm=,args= | awk -v groups="$groups" -v work="$work" '
  ($3 == "ffmpeg" || $3 == "guacenc" || $3 == "ffprobe") && (index(groups, " " $2 " ") || index($0, work)) { print }')
for pid in $(awk '{print $1}' <<<"$orphan_lines"); do
  [ -n "${orphan_seen[$pid]:-}" ] || { orphan_seen[$pid]=1; orphan_notes+=("$(grep -E "^ *$pid " <<<"$orphan_lines" | head -n1 | cut -c1-200)"); }
done
orphans=${#orphan_seen[@]}
# Counted: now end them (those in our sessions also die with their groups on exit).
for pid in $(awk '{print $1}' <<<"$orphan_lines"); do kill -KILL "$pid" 2>/dev/null || true; done

# --- check every session ----------------------------------------------------------------------
keys=$(s3_keys) || rp_fail "cannot list the bucket at the end"
sessions_json=$(curl -fsS --max-time 10 "$sim/sessions") || rp_fail "the simulator does not answer at the end"
quarantined=$(find "$work" -path "$work/encoder-*/quarantine/*" -type f -name '*.guac' -printf '%f\n' 2>/dev/null || true)
leftovers=$(find "$in_dir" "$mp4_dir" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort)
lost=0 duplicated=0 stranded=0 bad=0
problem_lines=()
rank() { case "$1" in Recorded) echo 0 ;; Processing) echo 1 ;; Processed) echo 2 ;; Uploading) echo 3 ;;
  Uploaded) echo 4 ;; ProcessingFailed|UploadFailed) echo 5 ;; *) echo 9 ;; esac; }
printf '\n%-28s %-22s %-17s %3s  %s\n' session recording "last word" obj "history / problems"
for id in "${ids[@]}"; do
  problems=()
  is_lost=false is_dup=false is_stranded=false is_bad=false
  last=$(jq -r --arg id "$id" '.[] | select(.sessionId == $id) | .recordingStatus // "none"' <<<"$sessions_json")
  mapfile -t history < <(jq -r --arg id "$id" '.[] | select(.sessionId == $id) | .history[].recordingStatus' <<<"$sessions_json")
  # No step backwards; a failure word only as the last word.
  prev=0
  for i in "${!history[@]}"; do
    r=$(rank "${history[$i]}")
    if [ "$r" -lt "$prev" ]; then problems+=("history steps back to ${history[$i]}"); is_bad=true; fi
    if [ "$r" -eq 5 ] && [ "$i" -lt $(( ${#history[@]} - 1 )) ]; then problems+=("${history[$i]} is not the last word"); is_bad=true; fi
    [ "$r" -eq 9 ] && { problems+=("unknown word ${history[$i]}"); is_bad=true; }
    prev=$r
  done
  mapfile -t mine < <(grep -E "(^|/)$id\.[^/]*$" <<<"$keys" || true)
  [ -n "${mine[0]:-}" ] || mine=()
  expected=Uploaded; [ -n "${poison[$id]:-}" ] && expected=ProcessingFailed
  if [ "$last" != "$expected" ]; then problems+=("last word $last, expected $expected"); is_stranded=true; fi
  if [ -n "${poison[$id]:-}" ]; then
    [ ${#mine[@]} -eq 0 ] || { problems+=("a poison recording was stored"); is_bad=true; }
    grep -qx "$id.guac" <<<"$quarantined" || { problems+=("not in a quarantine directory"); is_stranded=true; }
    reason=$(cat "$work"/encoder-*/quarantine/"$id".reason.txt 2>/dev/null | sed -n 's/^attempts: //p' | head -n1 || true)
    if [ -n "$reason" ] && [ "$reason" -gt 3 ]; then problems+=("$reason attempts (more than 3)"); is_bad=true; fi
  else
    if grep -qx "$id.guac" <<<"$quarantined"; then problems+=("quarantined"); is_bad=true; fi
    if [ ${#mine[@]} -eq 0 ]; then
      # Lost: no object, and no copy left to make one from (a recording, an MP4, a quarantined one).
      if [ -e "$in_dir/$id.guac" ] || [ -e "$mp4_dir/$id.mp4" ] || grep -qx "$id.guac" <<<"$quarantined"; then
        problems+=("no object in the store (a local copy is left)")
      else
        problems+=("no object in the store, and no recording or MP4 left"); is_lost=true
      fi
    fi
    [ ${#mine[@]} -le 1 ] || { problems+=("${#mine[@]} objects: ${mine[*]}"); is_dup=true; }
    n=0
    for key in "${mine[@]}"; do
      n=$(( n + 1 )); file="$work/check/$id.$n.mp4"
      if ! curl -fsS --max-time 60 -o "$file" "$s3/$bucket/$key"; then problems+=("cannot read $key"); is_bad=true; continue; fi
      meta=$(curl -fsS --max-time 20 -I "$s3/$bucket/$key" | tr -d '\r' | sed -n 's/^[Xx]-[Aa]mz-[Mm]eta-[Ss]ha256: *//p' || true)
      actual=$(sha256sum "$file" | cut -d' ' -f1)
      if [ -z "$meta" ]; then problems+=("$key has no sha256 metadata"); is_bad=true
      elif [ "$meta" != "$actual" ]; then problems+=("$key: bytes hash to $actual, metadata says $meta"); is_bad=true; fi
      # Playable: an MP4 with an H.264 stream whose every frame decodes without an error.
      codec=$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name -of csv=p=0 "$file" 2>/dev/null || true)
      format=$(ffprobe -v error -show_entries format=format_name -of csv=p=0 "$file" 2>/dev/null || true)
      if [ "$codec" != h264 ] || [[ "$format" != *mp4* ]]; then problems+=("$key is not an H.264 MP4 ($format/$codec)"); is_bad=true
      elif ! probe=$(ffprobe -v error -count_frames -select_streams v:0 \
             -show_entries stream=nb_frames,nb_read_frames -of default=nw=1 "$file" 2>&1) \
           || [[ "$probe" != *nb_read_frames=[1-9]* ]] || [ "$(grep -cv '^nb_' <<<"$probe")" -gt 0 ] \
           || [ "$(sed -n 's/^nb_frames=//p' <<<"$probe")" != "$(sed -n 's/^nb_read_frames=//p' <<<"$probe")" ]; then
        problems+=("$key does not decode cleanly: $(tr '\n' ' ' <<<"$probe" | head -c 200)"); is_bad=true
      fi
    done
  fi
  left=$(grep -F "$id." <<<"$leftovers" | grep -E "(^|\.)$id\." | tr '\n' ' ' || true)
  if [ -n "$left" ]; then problems+=("files left: $left"); is_stranded=true; fi
  $is_lost && lost=$(( lost + 1 )); $is_dup && duplicated=$(( duplicated + 1 ))
  $is_stranded && stranded=$(( stranded + 1 )); $is_bad && bad=$(( bad + 1 ))
  hist=$(printf '%s\n' "${history[@]}" | uniq -c | awk '{printf "%s%s%s", sep, $2, ($1 > 1 ? "x" $1 : ""); sep=" "}')
  printf '%-28s %-22s %-17s %3s  %s\n' "$id" "${source_of[$id]}" "$last" "${#mine[@]}" "$hist"
  for p in "${problems[@]}"; do printf '%-28s   !! %s\n' "" "$p"; done
  [ ${#problems[@]} -eq 0 ] || problem_lines+=("$id: $(printf '%s; ' "${problems[@]}")")
done
# Files that belong to no session fed here also count as stranded.
stray=""
while IFS= read -r f; do
  [ -n "$f" ] || continue
  owner=false
  for id in "${ids[@]}"; do [[ "$f" =~ (^|\.)$id\. ]] && { owner=true; break; }; done
  $owner || stray+="$f "
done <<<"$leftovers"
if [ -n "$stray" ]; then stranded=$(( stranded + 1 )); printf '\nchaos: files of no session: %s\n' "$stray"; fi

# --- the table --------------------------------------------------------------------------------
echo
note "faults injected:"
for f in "${fault_log[@]}"; do printf '         %s\n' "$f"; done
[ ${#fault_log[@]} -gt 0 ] || printf '         none\n'
if [ ${#orphan_notes[@]} -gt 0 ]; then note "orphans:"; printf '         %s\n' "${orphan_notes[@]}"; fi
crash_total=0; crash_text=""
for name in "${supervised[@]}"; do
  crash_total=$(( crash_total + crashes[$name] ))
  [ "${crashes[$name]}" -eq 0 ] || crash_text+="$name ${crashes[$name]} "
done
[ -z "$crash_text" ] || note "exits not caused by a fault (the service was started again): $crash_text"
[ ${#slow_stops[@]} -eq 0 ] || note "needed kill -9 at the end: ${slow_stops[*]}"
if [ "$done_at" -lt 0 ]; then recovery=never
elif [ "$last_fault_end" -lt 0 ]; then recovery=n/a
else recovery="$(( done_at > last_fault_end ? done_at - last_fault_end : 0 ))s"; fi
normal=$(( ${#ids[@]} - poisons ))
echo
fmt='%-7s %-10s %5s %11s %9s %4s %8s %8s  %s\n'
printf "$fmt" faults sessions lost duplicated stranded bad orphans crashes "last fault -> all settled"
printf "$fmt" "$round" "$normal+$poisons" "$lost" "$duplicated" "$stranded" "$bad" "$orphans" "$crash_total" "$recovery"
echo
# One line for machines (ChaosIT reads it).
echo "chaos: RESULT seed=$seed faults=$round sessions=$normal poison=$poisons lost=$lost duplicated=$duplicated stranded=$stranded bad=$bad orphans=$orphans crashes=$crash_total recovery=$recovery"
if [ $(( lost + duplicated + stranded + bad + orphans )) -gt 0 ]; then
  printf '\nchaos: FAILED (seed %s, work dir %s):\n' "$seed" "$work" >&2
  for p in "${problem_lines[@]}"; do printf '  %s\n' "$p" >&2; done
  rp_log_tails 40 >&2
  exit 1
fi
note "PASSED (seed $seed)"
