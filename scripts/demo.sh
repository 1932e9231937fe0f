#!/usr/bin/env bash
# The whole pipeline on one machine, in one command: builds the jars (unless fresh), starts the
# EmpowerID simulator, a store (S3Mock, Azurite or a directory), the encoder and the uploader on
# free ports of 127.0.0.1, drops the sample recordings into the recordings directory, waits until
# every session is Uploaded, prints a summary and stops everything it started.
#
#   scripts/demo.sh [--store s3|azure|file] [--recordings DIR] [--timeout SECONDS]
#                   [--work-dir DIR] [--converter native|guacenc] [--build|--no-build] [--clean]
#                   [--requeue-demo]
#
# --requeue-demo adds a session whose conversion fails (ffmpeg, through a wrapper, fails while a
# flag file names the session) until it ends ProcessingFailed; the demo then removes the flag,
# requeues the job through the encoder's admin API with its token and waits for it to be Uploaded.
#
# Everything (logs, H2 files, recordings, the store's data) lives under the work directory,
# default ./.demo (emptied at the start, kept at the end unless --clean). Exit code 0 only when
# every session reached Uploaded and its stored MP4 is H.264.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
RP_ROOT=$root RP_TAG=demo
# shellcheck source=lib/pipeline.sh
. "$root/scripts/lib/pipeline.sh"
store=s3
# The recordings: RECPIPE_RECORDINGS, else the shared corpus beside the checkout, else the small
# one in the repository.
recordings="${RECPIPE_RECORDINGS:-$root/../shared/recordings}"
[ -n "${RECPIPE_RECORDINGS:-}" ] || [ -d "$recordings" ] || recordings="$root/testdata/recordings"
timeout_s=900
work="$root/.demo"
converter=native
build=auto
clean=false
requeue_demo=false
rq_id=requeue-demo

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --store) store=${2:?}; shift 2 ;;
    --recordings) recordings=${2:?}; shift 2 ;;
    --timeout) timeout_s=${2:?}; shift 2 ;;
    --work-dir) work=${2:?}; shift 2 ;;
    --converter) converter=${2:?}; shift 2 ;;
    --no-build) build=never; shift ;;
    --build) build=always; shift ;;
    --keep) clean=false; shift ;;
    --clean) clean=true; shift ;;
    --requeue-demo) requeue_demo=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "demo: unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$store" in
  s3) mode=AWS ;;
  azure) mode=Azure ;;
  file) mode=File ;;
  *) echo "demo: --store must be s3, azure or file, not: $store" >&2; exit 2 ;;
esac
[[ "$timeout_s" =~ ^[0-9]+$ ]] || { echo "demo: --timeout takes seconds" >&2; exit 2; }

started=$(date +%s)
say() { rp_say "$@"; }
fail() { rp_fail "$@"; }

# --- tools ------------------------------------------------------------------------------------
command -v java >/dev/null || { echo "demo: a JDK 17+ is needed (java not on PATH)" >&2; exit 1; }
command -v mvn >/dev/null || { echo "demo: Maven is needed (mvn not on PATH)" >&2; exit 1; }
if ! command -v ffprobe >/dev/null || ! command -v curl >/dev/null || { [ "$store" = azure ] &&
     [ ! -f "$root/uploader-service/tools/azurite/node_modules/azurite/dist/src/blob/main.js" ]; }; then
  say "running scripts/setup-machine.sh (ffmpeg, Azurite)"
  "$root/scripts/setup-machine.sh"
fi
if ! command -v jq >/dev/null; then
  say "installing jq"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq curl >/dev/null
fi
[ "$store" != azure ] || command -v openssl >/dev/null || { echo "demo: openssl is needed for --store azure" >&2; exit 1; }
shopt -s nullglob
sources=("$recordings"/*.guac)
[ ${#sources[@]} -gt 0 ] || { echo "demo: no .guac files in $recordings" >&2; exit 1; }

# --- build ------------------------------------------------------------------------------------
rp_build "$build"

# --- work directory, processes, clean-up ------------------------------------------------------
# Only a directory this script made (it holds .recpipe-demo) or an empty one is emptied.
if [ -d "$work" ] && [ -n "$(ls -A "$work")" ] && [ ! -f "$work/.recpipe-demo" ]; then
  echo "demo: $work is not empty and not a demo work dir; choose another --work-dir" >&2; exit 2
fi
rm -rf "$work"
mkdir -p "$work"/{logs,session_files,recording,encoder,uploader,store,incoming}
touch "$work/.recpipe-demo"
echo '*' >"$work/.gitignore"
work=$(cd "$work" && pwd)
RP_WORK=$work

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  rp_stop_groups
  if $clean; then rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rp_free_port; sim_port=$REPLY; rp_free_port; enc_port=$REPLY; rp_free_port; upl_port=$REPLY
rp_free_port; store_port=$REPLY; rp_free_port; store_tls_port=$REPLY
sim="http://127.0.0.1:$sim_port"

# --- the simulator ----------------------------------------------------------------------------
say "work dir: $work (logs in logs/)"
rp_start_simulator simulator "$sim_port" --simulator.watch-dir="$work/session_files" --simulator.watch-interval=1s \
  --simulator.default-storage-mode="$mode"

# --- the store --------------------------------------------------------------------------------
bucket=recordings
azure_account=devstoreaccount1
azure_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
azure_endpoint="http://127.0.0.1:$store_port/$azure_account"
store_args=()
# An Azure Blob request signed with the account's shared key (Azurite's public development key).
azure_curl() { # VERB PATH-after-account QUERY(sorted "a=b&c=d" or "") curl-args...
  local verb=$1 path=$2 query=$3; shift 3
  local date version=2021-08-06 resource sig hexkey
  date=$(LC_ALL=C TZ=GMT date '+%a, %d %b %Y %H:%M:%S GMT')
  resource="/$azure_account/$azure_account$path"
  if [ -n "$query" ]; then
    while IFS='=' read -r k v; do resource+=$'\n'"$k:$v"; done < <(printf '%s\n' "$query" | tr '&' '\n' | sort)
  fi
  hexkey=$(printf '%s' "$azure_key" | base64 -d | od -An -v -tx1 | tr -d ' \n')
  sig=$(printf '%s\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:%s\nx-ms-version:%s\n%s' "$verb" "$date" "$version" "$resource" \
    | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hexkey" -binary | base64)
  curl -fsS -X "$verb" -H "x-ms-date: $date" -H "x-ms-version: $version" \
    -H "Authorization: SharedKey $azure_account:$sig" "$@" "$azure_endpoint$path${query:+?$query}"
}
case "$store" in
  s3)
    rp_start_s3mock s3mock "$store_port" "$store_tls_port" "$work/store" "$bucket"
    store_probe="http://127.0.0.1:$store_port/"; store_proc=s3mock
    store_note="S3Mock on http://127.0.0.1:$store_port (bucket $bucket)"
    rp_s3_args "$store_port" "$bucket"; store_args=("${RP_S3_ARGS[@]}")
    export UPLOADER_STORE_S3_ACCESS_KEY=demo UPLOADER_STORE_S3_SECRET_KEY=demo-secret
    ;;
  azure)
    rp_start azurite node "$root/uploader-service/tools/azurite/node_modules/azurite/dist/src/blob/main.js" \
      --blobHost 127.0.0.1 --blobPort "$store_port" --location "$work/store" --skipApiVersionCheck --loose --disableTelemetry
    store_probe=$store_port; store_proc=azurite
    store_note="Azurite on $azure_endpoint (container $bucket)"
    store_args=(--uploader.store.azure.container="$bucket")
    export UPLOADER_STORE_AZURE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=$azure_account;AccountKey=$azure_key;BlobEndpoint=$azure_endpoint;"
    ;;
  file)
    store_args=(--uploader.store.file.root="$work/store")
    store_probe=""
    store_note="file store in $work/store"
    ;;
esac

# --- the two services (secrets through the environment, not the command line) ---------------
# The simulator speaks plain http on 127.0.0.1, which the services refuse unless told.
export EMPOWERID_BASE_URL="$sim" EMPOWERID_ALLOW_INSECURE_HTTP=true EMPOWERID_API_KEY=sim-api-key \
  EMPOWERID_CLIENT_ID=recpipe EMPOWERID_CLIENT_SECRET=sim-client-secret
encoder_args=(--encoder.converter="$converter")
if $requeue_demo; then
  # An ffmpeg that fails while $work/broken/<session> exists for the session it writes (its last
  # argument is the hidden partial file .<session>.mp4.<instance>.<random>-work.part).
  mkdir -p "$work/bin" "$work/broken"
  real_ffmpeg=$(command -v ffmpeg) || fail "ffmpeg is not on PATH"
  cat >"$work/bin/ffmpeg" <<WRAPPER
#!/bin/bash
out=\$(basename -- "\${@: -1}"); out=\${out#.}
flag="$work/broken/\${out%%.mp4*}"
if [ -f "\$flag" ]; then cat "\$flag" >&2; echo >&2; exit 1; fi
exec "$real_ffmpeg" "\$@"
WRAPPER
  chmod +x "$work/bin/ffmpeg"
  encoder_args+=(--encoder.ffmpeg.path="$work/bin/ffmpeg" --encoder.process.max-attempts=2)
fi
rp_start_encoder encoder "$enc_port" "$work/session_files" "$work/recording" "$work/encoder" \
  "${encoder_args[@]}"
rp_start_uploader uploader "$upl_port" "$work/recording" "$work/uploader" ${store_args[@]+"${store_args[@]}"}
say "starting the simulator, the store, the encoder and the uploader"
rp_wait_for simulator "$sim/actuator/health"
say "EmpowerID simulator on $sim (storage mode $mode)"
if [ -n "$store_probe" ]; then rp_wait_for "$store_proc" "$store_probe"; fi
if [ "$store" = azure ]; then
  azure_curl PUT "/$bucket" "restype=container" -o /dev/null -H "Content-Length: 0" \
    || fail "cannot create the Azurite container $bucket"
fi
say "$store_note"
rp_wait_for encoder "$(rp_liveness encoder)"
rp_wait_for uploader "$(rp_liveness uploader)"
say "encoder on :$enc_port, uploader on :$upl_port"

# --- the recordings: copied beside, then renamed in (a rename is atomic) ----------------------
ids=()
for f in "${sources[@]}"; do
  name=$(basename "$f")
  id=${name%.guac}
  [[ "$id" =~ ^[A-Za-z0-9_-]{1,128}$ ]] || { say "skipped (not a safe session id): $name"; continue; }
  cp "$f" "$work/incoming/$name"
  mv "$work/incoming/$name" "$work/session_files/$name"
  ids+=("$id")
done
[ ${#ids[@]} -gt 0 ] || fail "no recording with a safe name in $recordings"
say "${#ids[@]} recordings in $work/session_files: ${ids[*]}"
expected=${#ids[@]}
if $requeue_demo; then
  # The smallest recording once more, as a session whose ffmpeg fails until its flag is removed.
  smallest=$(ls -S "${sources[@]}" | tail -n1)
  echo "ffmpeg: cannot load codec (demo: remove $work/broken/$rq_id to repair)" >"$work/broken/$rq_id"
  cp "$smallest" "$work/incoming/$rq_id.guac"
  mv "$work/incoming/$rq_id.guac" "$work/session_files/$rq_id.guac"
  expected=$((expected + 1))
  say "requeue demo: $rq_id ($(basename "$smallest")) will fail to convert (ffmpeg fails while $work/broken/$rq_id exists)"
fi

# --- wait -------------------------------------------------------------------------------------
deadline=$(( $(date +%s) + timeout_s ))
last=""
while true; do
  for name in "${!RP_PID[@]}"; do rp_alive "$name" || fail "$name stopped (pid ${RP_PID[$name]})"; done
  sessions=$(curl -fsS --max-time 5 "$sim/sessions") || fail "the simulator does not answer"
  line=$(jq -r --argjson n "$expected" '
    (map(.recordingStatus) | group_by(.) | map("\(.[0]) \(length)") | join(", ")) as $by
    | "\(length)/\($n) sessions known: \($by)"' <<<"$sessions")
  elapsed=$(( $(date +%s) - started ))
  [ "$line" = "$last" ] || printf 'demo: [%4ss] %s\n' "$elapsed" "$line"
  last=$line
  failed=$(jq -r --arg rq "$rq_id" '[.[] | select(.sessionId != $rq and (.recordingStatus | test("Failed$")))]
    | map(.sessionId) | join(" ")' <<<"$sessions")
  [ -z "$failed" ] || fail "sessions failed: $failed"
  done_count=$(jq --arg rq "$rq_id" '[.[] | select(.sessionId != $rq and .recordingStatus == "Uploaded")] | length' <<<"$sessions")
  rq_status=$(jq -r --arg rq "$rq_id" '[.[] | select(.sessionId == $rq) | .recordingStatus][0] // "unknown"' <<<"$sessions")
  if [ "$done_count" -ge "${#ids[@]}" ]; then
    ! $requeue_demo || [ "$rq_status" = ProcessingFailed ] && break
  fi
  [ "$(date +%s)" -lt "$deadline" ] || fail "not every session Uploaded within $timeout_s s"
  sleep 2
done

# --- the requeue demo: repair the cause, requeue through the admin API, wait for Uploaded -------
if $requeue_demo; then
  admin="http://127.0.0.1:${RP_MGMT[encoder]}"
  auth="Authorization: Bearer $(cat "$work/encoder/admin-token")"
  counts() { curl -fsS --max-time 10 -H "$auth" "$admin/admin/summary" | jq -c '.counts'; }
  outcomes() { curl -fsS --max-time 10 -H "$auth" "$admin/admin/jobs/$rq_id" \
    | jq -r '[.attempts[] | "#\(.number) \(.outcome // "running")"] | join(", ")'; }
  say "requeue demo: $rq_id is ProcessingFailed in EmpowerID; the encoder's jobs: $(counts)"
  say "requeue demo: its attempts: $(outcomes); last error: $(curl -fsS -H "$auth" "$admin/admin/jobs/$rq_id" | jq -r '.job.lastError')"
  rm "$work/broken/$rq_id"
  say "requeue demo: cause removed; POST $admin/admin/jobs/$rq_id/requeue (bearer token from $work/encoder/admin-token)"
  answer=$(curl -sS --max-time 10 -w '\n%{http_code}' -X POST -H "$auth" "$admin/admin/jobs/$rq_id/requeue")
  [ "${answer##*$'\n'}" = 200 ] || fail "the requeue was refused: $answer"
  say "requeue demo: answer: $(head -n1 <<<"$answer")"
  while true; do
    for name in "${!RP_PID[@]}"; do rp_alive "$name" || fail "$name stopped (pid ${RP_PID[$name]})"; done
    status=$(curl -fsS --max-time 5 "$sim/sessions/$rq_id" | jq -r '.recordingStatus') || fail "the simulator does not answer"
    [ "$status" != Uploaded ] || break
    [ "$(date +%s)" -lt "$deadline" ] || fail "$rq_id not Uploaded within $timeout_s s of the start (now $status)"
    sleep 2
  done
  say "requeue demo: $rq_id Uploaded after the requeue; the encoder's jobs: $(counts); its attempts: $(outcomes)"
  ids+=("$rq_id")
fi

# --- summary ----------------------------------------------------------------------------------
# Where each stored object is, and a local copy of it for ffprobe.
locate() { # id -> prints location; copies the object to $work/check/<id>.mp4
  local id=$1 key
  mkdir -p "$work/check"
  case "$store" in
    file)
      key=$(cd "$work/store" && find . -type f -name "$id.mp4" | sed 's|^\./||' | head -n1)
      [ -n "$key" ] || return 1
      cp "$work/store/$key" "$work/check/$id.mp4"; echo "$work/store/$key" ;;
    s3)
      key=$(curl -fsS "http://127.0.0.1:$store_port/$bucket?list-type=2" | grep -o '<Key>[^<]*</Key>' \
        | sed 's/<[^>]*>//g' | grep -E "(^|/)$id\.mp4$" | head -n1)
      [ -n "$key" ] || return 1
      curl -fsS -o "$work/check/$id.mp4" "http://127.0.0.1:$store_port/$bucket/$key"; echo "s3://$bucket/$key" ;;
    azure)
      key=$(azure_curl GET "/$bucket" "comp=list&restype=container" | grep -o '<Name>[^<]*</Name>' \
        | sed 's/<[^>]*>//g' | grep -E "(^|/)$id\.mp4$" | head -n1)
      [ -n "$key" ] || return 1
      azure_curl GET "/$bucket/$key" "" -o "$work/check/$id.mp4"; echo "azure://$bucket/$key" ;;
  esac
}
human() { numfmt --to=iec --suffix=B "$1" 2>/dev/null || echo "${1}B"; }

sessions=$(curl -fsS "$sim/sessions")
total=$(( $(date +%s) - started ))
echo
say "every session Uploaded in ${total} s (since the script started)"
echo
fmt='%-22s %9s %9s %6s %7s %7s %7s %7s %7s  %s\n'
printf "$fmt" session mp4 duration codec wait encode handoff upload total stored
problems=0
for id in "${ids[@]}"; do
  if ! where=$(locate "$id"); then
    printf "$fmt" "$id" - - - - - - - - "NOT FOUND in the store"; problems=$((problems + 1)); continue
  fi
  mp4="$work/check/$id.mp4"
  size=$(human "$(stat -c %s "$mp4")")
  dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$mp4" | awk '{printf "%.2fs", $1}')
  codec=$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name -of csv=p=0 "$mp4")
  # Stage times from the simulator's history: created (Recorded) -> Processing -> Processed ->
  # Uploading -> Uploaded (the last update of each word counts).
  read -r t_wait t_enc t_hand t_up t_all < <(jq -r --arg id "$id" '
    def ts: (sub("\\.[0-9]+Z$"; "Z") | fromdateiso8601)
            + ((capture("\\.(?<f>[0-9]+)Z$").f // "0") | "0.\(.)" | tonumber);
    def at($w): [.history[] | select(.recordingStatus == $w) | .at | ts] | last;
    def d($a; $b): if $a == null or $b == null then "-" else "\(($b - $a) * 10 | round / 10)s" end;
    .[] | select(.sessionId == $id)
    | (.createdAt | ts) as $c | at("Processing") as $p | at("Processed") as $pd
    | at("Uploading") as $u | at("Uploaded") as $ud
    | [d($c; $p), d($p; $pd), d($pd; $u), d($u; $ud), d($c; $ud)] | join(" ")' <<<"$sessions")
  printf "$fmt" "$id" "$size" "$dur" "$codec" "$t_wait" "$t_enc" "$t_hand" "$t_up" "$t_all" "$where"
  [ "$codec" = h264 ] || problems=$((problems + 1))
done
echo
say "stages: wait = found -> Processing, encode = Processing -> Processed, handoff = Processed -> Uploading, upload = Uploading -> Uploaded"
left=$(find "$work/session_files" "$work/recording" -type f | wc -l)
say "files left in the recordings directories: $left; logs: $work/logs"
[ "$problems" -eq 0 ] || fail "$problems session(s) missing from the store or not H.264"
