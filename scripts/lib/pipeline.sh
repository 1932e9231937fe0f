# Shared by scripts/demo.sh and scripts/chaos.sh (source it; it runs nothing by itself): builds the
# jars when they are stale, picks free ports of 127.0.0.1, starts the simulator, S3Mock, the encoder
# and the uploader as processes (each in its own session, so its whole process group can be
# stopped), restarts one with the same command, waits for health and stops everything at the end.
#
# The sourcing script sets RP_ROOT (the repository), RP_TAG (the prefix of messages) and, before
# starting anything, RP_WORK (logs go to $RP_WORK/logs/NAME.log, appended across restarts).

declare -A RP_PID=()  # name -> pid of its current process (also its process group and session)
declare -A RP_CMD=()  # name -> its command line, quoted for eval
RP_GROUPS=()          # every process group ever started, for the final clean-up
RP_TAKEN=" "          # ports handed out so far

rp_say() { printf '%s: %s\n' "$RP_TAG" "$*"; }

# Prints the last lines of every log, then exits 1.
rp_fail() {
  printf '%s: FAILED: %s\n' "$RP_TAG" "$*" >&2
  rp_log_tails 25 >&2
  exit 1
}

rp_log_tails() { # lines
  local log
  for log in "$RP_WORK"/logs/*.log; do
    [ -f "$log" ] || continue
    printf '\n----- last lines of %s -----\n' "$log"
    tail -n "$1" "$log"
  done
}

# --- jars -------------------------------------------------------------------------------------
rp_jar_of() { ls "$RP_ROOT/$1"/target/"$1"-*.jar 2>/dev/null | grep -Ev -- '-(plain|tests|sources|javadoc)\.jar$' | head -n1; }

rp_stale() { # module: true when its jar is missing or older than a source it is built from
  local module=$1 jar
  jar=$(rp_jar_of "$module")
  [ -n "$jar" ] || return 0
  local inputs=("$RP_ROOT/$module/src/main" "$RP_ROOT/$module/pom.xml" "$RP_ROOT/pom.xml")
  [ "$module" = empowerid-simulator ] || inputs+=("$RP_ROOT/common/src/main" "$RP_ROOT/common/pom.xml")
  [ -n "$(find "${inputs[@]}" -newer "$jar" -type f -print -quit)" ]
}

# rp_build auto|always|never [maven args...]: sets RP_SIM_JAR, RP_ENC_JAR, RP_UPL_JAR, RP_S3MOCK_JAR.
rp_build() {
  local mode=$1 need=false m j; shift
  RP_S3MOCK_JAR="$RP_ROOT/uploader-service/target/s3mock/s3mock-exec.jar"
  case "$mode" in
    always) need=true ;;
    auto) for m in empowerid-simulator encoder-service uploader-service; do rp_stale "$m" && need=true; done
          [ -f "$RP_S3MOCK_JAR" ] || need=true ;;
  esac
  if $need; then
    rp_say "building: mvn -B -q -DskipTests $* package"
    (cd "$RP_ROOT" && mvn -B -q -DskipTests "$@" package) || { echo "$RP_TAG: the build failed" >&2; exit 1; }
    # Maven leaves an up-to-date jar untouched: mark the jars fresh so the next run reuses them.
    for m in empowerid-simulator encoder-service uploader-service; do j=$(rp_jar_of "$m"); [ -z "$j" ] || touch "$j"; done
  fi
  RP_SIM_JAR=$(rp_jar_of empowerid-simulator); RP_ENC_JAR=$(rp_jar_of encoder-service)
  RP_UPL_JAR=$(rp_jar_of uploader-service)
  for j in "$RP_SIM_JAR" "$RP_ENC_JAR" "$RP_UPL_JAR" "$RP_S3MOCK_JAR"; do
    [ -n "$j" ] && [ -f "$j" ] || { echo "$RP_TAG: a jar is missing; run without --no-build" >&2; exit 1; }
  done
}

# --- ports ------------------------------------------------------------------------------------
rp_free_port() { # sets REPLY (no subshell, so ports already picked are remembered)
  local port tries
  for tries in $(seq 1 1000); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    [[ "$RP_TAKEN" == *" $port "* ]] && continue
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    RP_TAKEN+="$port "; REPLY=$port; return 0
  done
  rp_fail "no free port found on 127.0.0.1"
}

# --- processes --------------------------------------------------------------------------------
# rp_start NAME CMD...: runs CMD in a session of its own (setsid), output appended to its log.
rp_start() {
  local name=$1; shift
  RP_CMD[$name]=$(printf '%q ' "$@")
  rp_relaunch "$name"
}

# rp_relaunch NAME: starts NAME's command again (same arguments, same data directory, same log).
rp_relaunch() {
  local name=$1 cmd
  eval "cmd=(${RP_CMD[$name]})"
  mkdir -p "$RP_WORK/logs"
  setsid "${cmd[@]}" >>"$RP_WORK/logs/$name.log" 2>&1 </dev/null &
  RP_PID[$name]=$!
  RP_GROUPS+=("$!")
}

rp_alive() { [ -n "${RP_PID[$1]:-}" ] || rp_fail "no process called $1"; kill -0 "${RP_PID[$1]}" 2>/dev/null; }

# Whether PROBE (an http URL, or a port of 127.0.0.1) answers now.
rp_probe() {
  if [[ "$1" == http* ]]; then
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

rp_wait_for() { # name url-or-port [seconds, default 180]
  local name=$1 probe=$2 limit=${3:-180} deadline
  deadline=$(( $(date +%s) + limit ))
  while ! rp_probe "$probe"; do
    [ "$(date +%s)" -lt "$deadline" ] || rp_fail "$name did not start within $limit s"
    rp_alive "$name" || rp_fail "$name exited while it started"
    sleep 0.5
  done
}

# Stops every process group ever started: SIGTERM, up to 10 s, then SIGKILL.
rp_stop_groups() {
  local pid alive _
  for pid in "${RP_GROUPS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    alive=false
    for pid in "${RP_GROUPS[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=true; done
    $alive || break
    sleep 0.2
  done
  for pid in "${RP_GROUPS[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
}

# --- the pipeline's processes, with short intervals for a run on one machine -------------------
# (RP_DEFAULT_SCHEDULES=1: the services' own default intervals and delays instead.)
RP_JAVA_OPTS=(-Xmx512m -XX:+UseSerialGC)

# rp_start_simulator NAME PORT [args...]
rp_start_simulator() {
  local name=$1 port=$2; shift 2
  rp_start "$name" java "${RP_JAVA_OPTS[@]}" -jar "$RP_SIM_JAR" --server.address=127.0.0.1 \
    --server.port="$port" "$@"
}

# rp_start_s3mock NAME HTTP-PORT TLS-PORT ROOT BUCKET: the store root and its objects survive a
# restart (retain-files-on-exit), so a killed S3Mock started again serves the same bucket.
rp_start_s3mock() {
  local name=$1 port=$2 tls_port=$3 root=$4 bucket=$5
  rp_start "$name" java -Xmx384m -XX:+UseSerialGC -jar "$RP_S3MOCK_JAR" --server.address=127.0.0.1 \
    --server.port="$tls_port" --http.port="$port" \
    --com.adobe.testing.s3mock.store.root="$root" \
    --com.adobe.testing.s3mock.store.retain-files-on-exit=true \
    --com.adobe.testing.s3mock.store.initial-buckets="$bucket" --logging.level.root=WARN
}

# The two services' extra JVM options (e.g. -XX:+ExitOnOutOfMemoryError, as in the images).
RP_SERVICE_JAVA_OPTS=()

# The services' management (actuator, /admin, /console) listens on a port of its own on 127.0.0.1
# (Spring Boot refuses management.server.address on the application's port), picked here and kept
# in RP_MGMT[NAME] (a restart keeps it); rp_liveness NAME is its liveness URL. Liveness answers
# without a credential, the rest needs the token in DATA-DIR/admin-token.
declare -A RP_MGMT=()
rp_liveness() { echo "http://127.0.0.1:${RP_MGMT[$1]}/actuator/health/liveness"; }
# rp_start_encoder NAME PORT RECORDINGS-DIR MP4-DIR DATA-DIR [args...]
# EmpowerID's address and secrets come from the environment (EMPOWERID_*).
rp_start_encoder() {
  local name=$1 port=$2 in=$3 out=$4 data=$5; shift 5
  rp_free_port; RP_MGMT[$name]=$REPLY
  rp_start "$name" java "${RP_JAVA_OPTS[@]}" -Xmx1g ${RP_SERVICE_JAVA_OPTS[@]+"${RP_SERVICE_JAVA_OPTS[@]}"} \
    -jar "$RP_ENC_JAR" \
    --server.address=127.0.0.1 --server.port="$port" --management.server.port="${RP_MGMT[$name]}" \
    --encoder.recordings-dir="$in" --encoder.output-dir="$out" --encoder.data-dir="$data" \
    --encoder.min-free-disk=1MB \
    ${RP_DEFAULT_SCHEDULES:---encoder.scan.interval=2s --encoder.scan.initial-delay=1s --encoder.scan.stable-check=1s} \
    ${RP_DEFAULT_SCHEDULES:---encoder.process.interval=2s --encoder.process.initial-delay=2s --encoder.process.retry-delay=5s} \
    "$@"
}

# rp_start_uploader NAME PORT MP4-DIR DATA-DIR [args...]
rp_start_uploader() {
  local name=$1 port=$2 in=$3 data=$4; shift 4
  rp_free_port; RP_MGMT[$name]=$REPLY
  rp_start "$name" java "${RP_JAVA_OPTS[@]}" ${RP_SERVICE_JAVA_OPTS[@]+"${RP_SERVICE_JAVA_OPTS[@]}"} \
    -jar "$RP_UPL_JAR" \
    --server.address=127.0.0.1 --server.port="$port" --management.server.port="${RP_MGMT[$name]}" \
    --uploader.recordings-dir="$in" --uploader.data-dir="$data" --uploader.min-free-disk=1MB \
    ${RP_DEFAULT_SCHEDULES:---uploader.scan.interval=2s --uploader.scan.initial-delay=1s --uploader.scan.quiet-period=3s} \
    ${RP_DEFAULT_SCHEDULES:---uploader.upload.interval=2s --uploader.upload.initial-delay=2s --uploader.upload.retry-delay=5s} \
    "$@"
}

# The S3 store's arguments for an uploader (credentials come from UPLOADER_STORE_S3_*).
rp_s3_args() { # port bucket -> RP_S3_ARGS
  RP_S3_ARGS=(--uploader.store.s3.bucket="$2" --uploader.store.s3.endpoint="http://127.0.0.1:$1"
    --uploader.store.s3.path-style=true --uploader.store.s3.region=us-east-1)
}
