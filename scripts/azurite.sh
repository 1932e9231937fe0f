#!/usr/bin/env bash
# Starts or stops Azurite's blob service (pinned in uploader-service/tools/azurite) on 127.0.0.1
# for demos. Usage: scripts/azurite.sh start|stop|status
#   AZURITE_PORT (10000), AZURITE_LOCATION (/tmp/recpipe-azurite)
# Connection string (Azurite's public development account):
#   DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;
set -euo pipefail
cd "$(dirname "$0")/.."
port=${AZURITE_PORT:-10000}
location=${AZURITE_LOCATION:-/tmp/recpipe-azurite}
pidfile="$location.pid"
main=uploader-service/tools/azurite/node_modules/azurite/dist/src/blob/main.js

case "${1:-}" in
  start)
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "Azurite already running: http://127.0.0.1:$port (pid $(cat "$pidfile"))"; exit 0
    fi
    [ -f "$main" ] || bash scripts/setup-machine.sh
    mkdir -p "$location"
    nohup node "$main" --blobHost 127.0.0.1 --blobPort "$port" --location "$location" \
      --skipApiVersionCheck --loose >"$location.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    for _ in $(seq 1 240); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "Azurite running: http://127.0.0.1:$port/devstoreaccount1 (pid $(cat "$pidfile"))"; exit 0
      fi
      sleep 0.5
    done
    echo "Azurite did not start; see $location.log" >&2; exit 1 ;;
  stop)
    if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; fi
    echo "Azurite stopped" ;;
  status)
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "running: http://127.0.0.1:$port"; else echo "stopped"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
