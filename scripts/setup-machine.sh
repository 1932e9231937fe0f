#!/usr/bin/env bash
# Installs and starts what the tests need on a fresh Debian machine. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v ffmpeg >/dev/null 2>&1 || need_apt+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || need_apt+=(ffmpeg)
# Headless Chromium and its WebDriver for the console's browser test (ConsoleBrowserTest).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
# promtool (from Debian's prometheus package) for the alert rules' unit tests (ObservabilityPackTest).
command -v promtool >/dev/null 2>&1 || need_apt+=(prometheus)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  fi
fi

# PostgreSQL on 127.0.0.1:5432 (database test, trust auth) for the two-instance claim test.
if ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    echo "setup: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
fi
echo "setup: ffmpeg $(ffmpeg -version | head -n1 | cut -d' ' -f3), java $(java -version 2>&1 | head -n1)"
echo "setup: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium missing: the browser test will be skipped')"

# Azurite (pinned in uploader-service/tools/azurite) for the uploader's Azure Blob tests.
# Installed again only when package-lock.json changed since the last install.
azurite_dir=uploader-service/tools/azurite
azurite_lock=$(sha256sum "$azurite_dir/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$azurite_dir/node_modules/.recpipe-installed" 2>/dev/null)" != "$azurite_lock" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup: installing nodejs and npm"
    if [ "$(id -u)" -eq 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    else
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    fi
  fi
  echo "setup: installing Azurite with npm ci"
  (cd "$azurite_dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error </dev/null)
  echo "$azurite_lock" > "$azurite_dir/node_modules/.recpipe-installed"
fi
