#!/usr/bin/env bash
# Starts or stops Adobe S3Mock (the exec jar Maven copies into uploader-service/target/s3mock) on
# 127.0.0.1 for demos. Usage: scripts/s3mock.sh start|stop|status
#   S3MOCK_PORT (9090), S3MOCK_BUCKETS (recordings), S3MOCK_ROOT (/tmp/recpipe-s3mock)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${S3MOCK_PORT:-9090}
root=${S3MOCK_ROOT:-/tmp/recpipe-s3mock}
pidfile="$root.pid"
jar=uploader-service/target/s3mock/s3mock-exec.jar

case "${1:-}" in
  start)
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "S3Mock already running: http://127.0.0.1:$port (pid $(cat "$pidfile"))"; exit 0
    fi
    [ -f "$jar" ] || mvn -B -q -pl uploader-service -am generate-test-resources -DskipTests
    mkdir -p "$root"
    nohup java -Xmx384m -jar "$jar" --server.address=127.0.0.1 --http.port="$port" \
      --server.port="${S3MOCK_HTTPS_PORT:-9191}" \
      --com.adobe.testing.s3mock.store.root="$root" \
      --com.adobe.testing.s3mock.store.retain-files-on-exit=true \
      --com.adobe.testing.s3mock.store.initial-buckets="${S3MOCK_BUCKETS:-recordings}" \
      >"$root.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    for _ in $(seq 1 360); do
      if curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1; then
        echo "S3Mock running: http://127.0.0.1:$port (pid $(cat "$pidfile"), data $root)"; exit 0
      fi
      sleep 0.5
    done
    echo "S3Mock did not start; see $root.log" >&2; exit 1 ;;
  stop)
    if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; fi
    echo "S3Mock stopped" ;;
  status)
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "running: http://127.0.0.1:$port"; else echo "stopped"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
