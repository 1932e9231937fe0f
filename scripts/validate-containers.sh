#!/usr/bin/env bash
# Validates the container files on a machine without a Docker engine, as far as that can go.
#
#   scripts/validate-containers.sh          static checks, the images' build step, the simulator run
#   scripts/validate-containers.sh --all    also starts the encoder and uploader like their images
#                                           do, with compose's environment, against the simulator
#
# What it proves: docker-compose.yml parses and keeps its own rules (127.0.0.1 ports, health checks
# behind every depends_on, Dockerfiles that exist); each Dockerfile keeps the rules (multi-stage,
# JRE 17 runtime, non-root user, HEALTHCHECK, VOLUMEs, EXPOSE, container JVM flags, lean apt);
# the build stage's own RUN command, taken from the Dockerfile, builds the jar and extracts the
# layers from a copy of the build context (.dockerignore applied); the ENTRYPOINT's command line,
# with the image's ENV and JAVA_OPTS, starts that layered app; the image's HEALTHCHECK command and
# compose's health checks pass against it; settings given in compose's environment-variable form
# reach the simulator; the S3Mock and Azurite health checks pass against the same servers run here
# (when their jar / npm package is installed).
# What it cannot prove: that the base images, apt packages (ffmpeg) and users exist as written, that
# BuildKit accepts the files, that volumes get the right owners, or container networking. Those need
# a Docker engine: .github/workflows/images.yml builds the images and runs `docker compose config`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUN_ALL=false
[ "${1:-}" = "--all" ] && RUN_ALL=true

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

passed=0
failed=0
ok() { echo "ok:   $*"; passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }
skip() { echo "skip: $*"; }

# A free port whose next one is free too (a service's management port, see start_like_image).
free_port() {
  python3 -c '
import socket
while True:
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]
    t = socket.socket()
    try:
        t.bind(("127.0.0.1", p + 1)); print(p); break
    except OSError:
        pass
    finally:
        t.close(); s.close()
'
}

wait_for() { # command, seconds
  local i
  for ((i = 0; i < $2; i++)); do
    if bash -c "$1" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  return 1
}

# ---------- static: compose file and Dockerfiles ----------
static_checks() {
  python3 - <<'EOF'
import os, re, sys
import yaml

problems = []
def check(cond, what):
    print(("  ok   " if cond else "  FAIL ") + what)
    if not cond:
        problems.append(what)

compose = yaml.safe_load(open("docker-compose.yml"))
services = compose["services"]
check({"encoder", "uploader", "simulator", "s3", "azurite"} <= set(services), "compose has the five services")
for name, svc in services.items():
    for port in svc.get("ports", []):
        check(str(port).startswith("127.0.0.1:"), f"{name}: port {port} published on 127.0.0.1 only")
    for dep, how in (svc.get("depends_on") or {}).items():
        check(how.get("condition") == "service_healthy", f"{name}: waits for {dep} to be healthy")
        check("healthcheck" in services[dep] or dep in ("encoder", "uploader", "simulator"),
              f"{name}: {dep} has a health check")
    build = svc.get("build")
    if build:
        check(os.path.isfile(build["dockerfile"]), f"{name}: {build['dockerfile']} exists")
    if name in ("s3", "azurite", "simulator"):
        check("healthcheck" in svc, f"{name}: has a compose health check")
env = lambda n: services[n].get("environment", {})
for key in ["EMPOWERID_BASE_URL", "EMPOWERID_CLIENT_ID",
            "ENCODER_RECORDINGS_DIR", "ENCODER_OUTPUT_DIR", "ENCODER_DATA_DIR"]:
    check(key in env("encoder"), f"encoder: setting {key}")
for key in ["EMPOWERID_BASE_URL", "UPLOADER_RECORDINGS_DIR", "UPLOADER_DATA_DIR",
            "UPLOADER_STORE_S3_ENDPOINT", "UPLOADER_STORE_S3_BUCKET", "UPLOADER_STORE_S3_PATH_STYLE",
            "UPLOADER_STORE_S3_ACCESS_KEY", "UPLOADER_STORE_S3_REGION",
            "UPLOADER_STORE_AZURE_CONTAINER"]:
    check(key in env("uploader"), f"uploader: setting {key}")
# Secrets come as files (/run/secrets/<setting>, read through configtree), never the environment.
secret_targets = lambda n: {s["target"] for s in services[n].get("secrets", [])}
for name, targets in {
        "encoder": ["empowerid.api-key", "empowerid.client-secret"],
        "uploader": ["empowerid.api-key", "empowerid.client-secret", "uploader.store.s3.secret-key",
                     "uploader.store.azure.connection-string"],
        "simulator": ["simulator.api-key", "simulator.client-secret"]}.items():
    for target in targets:
        check(target in secret_targets(name), f"{name}: secret file {target}")
    check(not [k for k in env(name) if re.search(r"SECRET|API_KEY|CONNECTION_STRING|PASSWORD", k)],
          f"{name}: no secret in its environment")
for name, secret in (compose.get("secrets") or {}).items():
    path = re.sub(r"\$\{[A-Za-z0-9_]+:-([^}]*)\}", r"\1", secret["file"])
    check(os.path.isfile(path), f"secret {name}: its demo file {path} exists")
for name in ("encoder", "uploader"):
    check(str(env(name).get("EMPOWERID_ALLOW_INSECURE_HTTP")) == "true",
          f"{name}: plain http to the simulator allowed explicitly")
check(".env" in open(".dockerignore").read().split(), ".dockerignore keeps .env out of images")
check(env("encoder")["ENCODER_OUTPUT_DIR"] == "/recording" and env("uploader")["UPLOADER_RECORDINGS_DIR"] == "/recording",
      "the encoder's output folder is the uploader's input")
volume_of = lambda n, path: next((v.split(":")[0] for v in services[n].get("volumes", []) if v.split(":")[1] == path), None)
check(volume_of("encoder", "/recording") == volume_of("uploader", "/recording") is not None, "encoder and uploader share the MP4 volume")
check(volume_of("encoder", "/session_files") == volume_of("simulator", "/session_files") is not None, "encoder and simulator share the recordings volume")
check(volume_of("encoder", "/data") != volume_of("uploader", "/data"), "each service keeps its own /data")

modules = {"encoder": "encoder-service", "uploader": "uploader-service", "simulator": "empowerid-simulator"}
for short, module in modules.items():
    f = f"Dockerfile.{short}"
    text = open(f).read()
    flat = text.replace("\\\n", " ")
    froms = re.findall(r"^FROM (\S+)(?: AS (\S+))?", text, re.M)
    check(len(froms) == 2 and froms[0][1] == "build", f"{f}: two stages, the first named build")
    check(froms[0][0].startswith("maven:") and "17" in froms[0][0], f"{f}: builds with Maven on JDK 17")
    check(froms[-1][0] == "eclipse-temurin:17-jre", f"{f}: runs on eclipse-temurin:17-jre")
    check(f"-pl {module} -am" in flat and "-DskipTests" in flat and " package" in flat, f"{f}: builds only {module} with -am")
    check(f"{module}/target/{module}-*.jar" in flat, f"{f}: takes the {module} fat jar")
    users = re.findall(r"^USER (\S+)", text, re.M)
    check(bool(users) and users[-1] not in ("root", "0"), f"{f}: runs as a non-root user")
    check(re.search(r"^HEALTHCHECK .*CMD .*/actuator/health", flat, re.M) is not None, f"{f}: HEALTHCHECK on /actuator/health")
    if short != "simulator":
        check(re.search(r"^HEALTHCHECK .*CMD .*\$\{MANAGEMENT_SERVER_PORT\}/actuator/health/liveness", flat, re.M) is not None,
              f"{f}: HEALTHCHECK on liveness, on the management port")
        check("MANAGEMENT_SERVER_PORT=" in flat, f"{f}: sets its management port")
    check(re.search(r"apt-get install -y --no-install-recommends .*curl", flat) is not None, f"{f}: installs curl for the health check, without recommends")
    check("rm -rf /var/lib/apt/lists/*" in flat, f"{f}: cleans the apt lists")
    check("-XX:MaxRAMPercentage=" in flat, f"{f}: sizes the heap from the container's memory")
    check(re.search(r"^EXPOSE \d+", text, re.M) is not None, f"{f}: EXPOSEs its port")
    vols = " ".join(re.findall(r"^VOLUME (.*)$", text, re.M))
    needed = ["/session_files", "/recording", "/data"] if short != "simulator" else ["/session_files"]
    check(all(v in vols for v in needed), f"{f}: VOLUMEs {needed}")
    if short == "encoder":
        check(re.search(r"--no-install-recommends .*ffmpeg", flat) is not None, f"{f}: installs ffmpeg")
sys.exit(1 if problems else 0)
EOF
}

if static_checks; then
  ok "compose file and Dockerfiles keep their rules (see lines above)"
else
  bad "compose file or Dockerfile rules (see lines above)"
fi

if docker compose version >/dev/null 2>&1; then
  if docker compose -f docker-compose.yml config -q; then ok "docker compose config"; else bad "docker compose config"; fi
else
  skip "docker compose config: this docker client has no compose plugin"
fi

for linter in hadolint dockerfilelint; do
  if command -v "$linter" >/dev/null 2>&1; then
    for f in Dockerfile.*; do
      if [ "$linter" = hadolint ]; then
        if hadolint "$f"; then ok "hadolint $f"; else bad "hadolint $f"; fi
      # dockerfilelint 1.8 misreads HEALTHCHECK --start-period (its option regex stops at the
      # dash); every other issue counts.
      elif { dockerfilelint -o json "$f" || true; } | python3 -c '
import json, sys
issues = [i for f in json.load(sys.stdin)["files"] for i in f["issues"]
          if not (i["content"].startswith("HEALTHCHECK") and i["title"] == "Invalid Argument Format")]
for i in issues: print("  line", i["line"], i["title"], "-", i["content"])
sys.exit(1 if issues else 0)'; then ok "dockerfilelint $f"; else bad "dockerfilelint $f"; fi
    done
  else
    skip "$linter not installed"
  fi
done
if command -v shellcheck >/dev/null 2>&1; then
  if shellcheck scripts/validate-containers.sh; then ok "shellcheck"; else bad "shellcheck"; fi
fi

# ---------- the build stage, run by hand ----------
# A copy of the build context as `COPY . .` sees it (the .dockerignore patterns in use).
CONTEXT="$WORK/build"
mkdir -p "$CONTEXT"
tar -C "$ROOT" --exclude='./.git' --exclude='*/target' --exclude='./target' \
  --exclude='*/node_modules' --exclude='./data' -cf - . | tar -C "$CONTEXT" -xf -

build_stage() { # dockerfile -> prints the build stage's RUN command, /build made the context
  python3 - "$1" "$CONTEXT" <<'EOF'
import re, sys
text = open(sys.argv[1]).read().replace("\\\n", " ")
stage = text.split("FROM eclipse-temurin")[0]
run = [l for l in stage.splitlines() if l.startswith("RUN ")][0][4:]
run = re.sub(r"--mount=\S+", "", run).strip()
print(run.replace("/build", sys.argv[2]))
EOF
}

# Starts a module like its image's ENTRYPOINT would, from the layers the build stage extracted.
start_like_image() { # dockerfile, port, log, env assignments...
  local dockerfile=$1 port=$2 log=$3
  shift 3
  local app
  app="$WORK/app-$(basename "$dockerfile")"
  rm -rf "$app" && mkdir -p "$app"
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    cp -a "$CONTEXT/extracted/$layer/." "$app/"
  done
  local java_opts
  java_opts=$(grep -o 'JAVA_OPTS="[^"]*"' "$dockerfile" | head -n1 | cut -d'"' -f2)
  local entry
  entry=$(grep '^ENTRYPOINT' "$dockerfile" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read()[len("ENTRYPOINT"):])[2])')
  # exec all the way down, so the recorded pid is the java process itself.
  # The management port: the next one up (free_port checked it is free), on 127.0.0.1 here.
  (cd "$app" && exec env "$@" SERVER_PORT="$port" MANAGEMENT_SERVER_PORT="$((port + 1))" \
    JAVA_OPTS="$java_opts" sh -c "${entry//\/app\/app.jar/$app/app.jar}" app \
    --server.address=127.0.0.1 --management.server.address=127.0.0.1 >"$log" 2>&1) &
  PIDS+=($!)
}

healthcheck_of() { # dockerfile, port -> the HEALTHCHECK command with the port filled in
  python3 - "$1" "$2" <<'EOF'
import sys
text = open(sys.argv[1]).read().replace("\\\n", " ")
line = [l for l in text.splitlines() if l.startswith("HEALTHCHECK")][0]
print(line.split(" CMD ", 1)[1].replace("${SERVER_PORT}", sys.argv[2])
      .replace("${MANAGEMENT_SERVER_PORT}", str(int(sys.argv[2]) + 1)))
EOF
}

# The environment compose gives a service, ${X:-default} filled with its default, the container
# folders mapped to folders here and the simulator's host name to this machine.
# Its secrets are copied, under their target names, to <folder>/secrets (RECPIPE_SECRETS_DIR).
compose_env() { # service, folder holding session_files/recording/data, simulator port
  python3 - "$1" "$2" "$3" <<'EOF'
import os, re, sys, yaml
service, dirs, sim_port = sys.argv[1:]
compose = yaml.safe_load(open("docker-compose.yml"))
default = lambda value: re.sub(r"\$\{[A-Za-z0-9_]+:-([^}]*)\}", r"\1", str(value))
env = compose["services"][service].get("environment", {})
for key, value in env.items():
    value = default(value)
    if value in ("/session_files", "/recording", "/data"):
        value = dirs + value
    print(f"{key}={value.replace('http://simulator:8090', 'http://127.0.0.1:' + sim_port)}")
os.makedirs(dirs + "/secrets", exist_ok=True)
for secret in compose["services"][service].get("secrets", []):
    text = open(default(compose["secrets"][secret["source"]]["file"])).read()
    text = text.replace("http://azurite:10000", "http://127.0.0.1:10000")
    with open(dirs + "/secrets/" + secret["target"], "w") as out:
        out.write(text)
print(f"RECPIPE_SECRETS_DIR={dirs}/secrets")
EOF
}

build_module() { # module, dockerfile
  rm -rf "$CONTEXT/extracted" "$CONTEXT/app.jar"
  local cmd
  cmd=$(build_stage "$2")
  echo "run:  (in a copy of the context) $cmd"
  if (cd "$CONTEXT" && bash -c "$cmd") >"$WORK/build-$1.log" 2>&1 \
    && [ -f "$CONTEXT/extracted/application/app.jar" ]; then
    ok "$2 build stage: jar built and layers extracted"
  else
    bad "$2 build stage (log below)"
    tail -n 30 "$WORK/build-$1.log"
    return 1
  fi
}

modules=$(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' pom.xml)
SIM_PORT=0
SIM_PID=
for pair in empowerid-simulator:simulator encoder-service:encoder uploader-service:uploader; do
  module=${pair%%:*}
  service=${pair##*:}
  dockerfile="Dockerfile.$service"
  if ! grep -qx "$module" <<<"$modules"; then
    skip "$dockerfile: module $module is not in the root pom yet"
    continue
  fi
  build_module "$module" "$dockerfile" || continue
  dirs="$WORK/$service-dirs"
  mkdir -p "$dirs"/{session_files,recording,data}
  mapfile -t env_vars < <(compose_env "$service" "$dirs" "$SIM_PORT")
  port=$(free_port)
  if [ "$service" = simulator ]; then
    SIM_PORT=$port
    # Compose's environment, plus a faster watch, a short token and Azure to see them applied.
    start_like_image "$dockerfile" "$port" "$WORK/$service.log" "${env_vars[@]}" \
      SIMULATOR_WATCH_INTERVAL=1s SIMULATOR_TOKEN_LIFETIME=120s SIMULATOR_DEFAULT_STORAGE_MODE=Azure
    SIM_PID=${PIDS[-1]}
  elif $RUN_ALL; then
    start_like_image "$dockerfile" "$port" "$WORK/$service.log" "${env_vars[@]}"
  else
    continue
  fi
  pid=${PIDS[-1]}
  health=$(healthcheck_of "$dockerfile" "$port")
  if wait_for "$health" 240; then
    ok "$dockerfile ENTRYPOINT starts the app with compose's environment; HEALTHCHECK passes: $health"
  else
    bad "$dockerfile did not become healthy (log below)"
    tail -n 40 "$WORK/$service.log"
    continue
  fi
  if ps -o args= -p "$pid" | grep -q -- '-XX:MaxRAMPercentage=75.0'; then
    ok "$service: java runs with the image's JAVA_OPTS"
  else
    bad "$service: java is not running with the image's JAVA_OPTS: $(ps -o args= -p "$pid")"
  fi
  if [ "$service" != simulator ]; then
    kill "$pid" 2>/dev/null || true
    continue
  fi
  compose_health=$(python3 -c 'import yaml; print(yaml.safe_load(open("docker-compose.yml"))["services"]["simulator"]["healthcheck"]["test"][1])')
  if bash -c "${compose_health//8090/$port}"; then ok "compose simulator health check passes"; else bad "compose simulator health check"; fi
  api_key=$(cat "$dirs/secrets/simulator.api-key")
  client_id=$(printf '%s\n' "${env_vars[@]}" | sed -n 's/^SIMULATOR_CLIENT_ID=//p')
  client_secret=$(cat "$dirs/secrets/simulator.client-secret")
  token=$(curl -fsS -H "X-EmpowerID-API-Key: $api_key" -d grant_type=client_credentials \
    --data-urlencode "client_id=$client_id" --data-urlencode "client_secret=$client_secret" \
    "http://127.0.0.1:$port/oauth/v2/token" || true)
  if grep -q '"expires_in":120' <<<"$token"; then
    ok "settings reach the app: compose's secret files (configtree) and environment (SIMULATOR_CLIENT_ID, SIMULATOR_TOKEN_LIFETIME)"
  else
    bad "environment settings not applied, token answer: $token"
  fi
  touch "$dirs/session_files/validate-1.guac"
  if wait_for "curl -fsS http://127.0.0.1:$port/sessions/validate-1 | grep -q '\"storageMode\":\"Azure\"'" 30; then
    ok "SIMULATOR_WATCH_DIR and SIMULATOR_DEFAULT_STORAGE_MODE: a dropped recording became an Azure session"
  else
    bad "watched folder from the environment did not work"
  fi
done
if [ -n "$SIM_PID" ]; then kill "$SIM_PID" 2>/dev/null || true; fi

# ---------- the storage emulators' health checks, against the same servers run here ----------
s3mock_jar=$(find ~/.m2/repository/com/adobe/testing/s3mock -name 's3mock-*-exec.jar' 2>/dev/null | sort | tail -n1 || true)
if [ -n "$s3mock_jar" ]; then
  port=$(free_port)
  java -jar "$s3mock_jar" --server.address=127.0.0.1 --http.port="$port" --server.port=0 \
    --com.adobe.testing.s3mock.store.initial-buckets=recordings >"$WORK/s3mock.log" 2>&1 &
  PIDS+=($!)
  check=$(python3 -c 'import yaml; print(yaml.safe_load(open("docker-compose.yml"))["services"]["s3"]["healthcheck"]["test"][1])')
  if wait_for "${check//9090/$port}" 120; then ok "compose s3 health check passes against S3Mock"; else
    bad "compose s3 health check against S3Mock"
    tail -n 20 "$WORK/s3mock.log"
  fi
  kill "${PIDS[-1]}" 2>/dev/null || true
else
  skip "S3Mock exec jar not in ~/.m2"
fi
azurite_bin=$(command -v azurite-blob || ls "$ROOT"/node_modules/.bin/azurite-blob 2>/dev/null || true)
if [ -n "$azurite_bin" ]; then
  port=$(free_port)
  "$azurite_bin" --blobHost 127.0.0.1 --blobPort "$port" --location "$WORK/azurite" \
    --skipApiVersionCheck >"$WORK/azurite.log" 2>&1 &
  PIDS+=($!)
  check=$(python3 -c 'import yaml; print(yaml.safe_load(open("docker-compose.yml"))["services"]["azurite"]["healthcheck"]["test"][3])')
  if wait_for "node -e \"${check//10000/$port}\"" 60; then ok "compose azurite health check passes against Azurite"; else bad "compose azurite health check"; fi
  kill "${PIDS[-1]}" 2>/dev/null || true
else
  skip "azurite not installed (npm azurite)"
fi

echo "validate-containers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
