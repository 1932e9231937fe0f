# Shared by the benchmark scripts (source it): where the converter CLI, guacenc and the recordings
# are, the load average, and the guacenc + ffmpeg baseline. Needs BENCH_ROOT (the repository).

# The native converter's CLI as an array (BENCH_CLI): `java OPTS -jar JAR convert`, where JAR is
# CONVERTER_JAR if set, else the converter module's executable jar, else encoder-service's jar (whose
# `convert` subcommand is the same CLI). JAVA (default java) and CONVERTER_JAVA_OPTS (default
# -Xmx384m) choose the JVM and its options, e.g. a class-data-sharing archive.
bench_cli() {
  local jar=${CONVERTER_JAR:-}
  if [ -z "$jar" ]; then
    jar=$(ls "$BENCH_ROOT"/converter/target/converter-*.jar 2>/dev/null \
      | grep -Ev -- '-(plain|original|tests|sources|javadoc)\.jar$' | head -n1 || true)
  fi
  if [ -z "$jar" ]; then
    jar=$(ls "$BENCH_ROOT"/encoder-service/target/encoder-service-*.jar 2>/dev/null \
      | grep -Ev -- '-(plain|original|tests|sources|javadoc)\.jar$' | head -n1 || true)
  fi
  [ -n "$jar" ] && [ -f "$jar" ] || { echo "no converter jar: build it or set CONVERTER_JAR" >&2; return 1; }
  # shellcheck disable=SC2206
  local opts=(${CONVERTER_JAVA_OPTS--Xmx384m})
  BENCH_JAR=$jar
  BENCH_CLI=("${JAVA:-java}" ${opts[@]+"${opts[@]}"} -jar "$jar" convert)
}

# GUACENC, else guacenc on PATH, else /opt/guacenc/bin/guacenc; empty when there is none.
bench_guacenc() {
  BENCH_GUACENC=${GUACENC:-$(command -v guacenc 2>/dev/null || true)}
  [ -n "$BENCH_GUACENC" ] || [ ! -x /opt/guacenc/bin/guacenc ] || BENCH_GUACENC=/opt/guacenc/bin/guacenc
}

bench_recordings() { BENCH_REC=${RECPIPE_RECORDINGS:-${RECORDINGS:-$BENCH_ROOT/../shared/recordings}}; }

bench_load() { # label
  printf '%s: %s, load average %s (%s cores), %s\n' "$1" "$(date -u '+%F %T UTC')" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)" "$(free -m | awk '/^Mem:/ {print $7 " MB available"}')"
}

# The display size in a recording's name (...-1024x768.guac), else 1024x768.
bench_size() { local s; s=$(basename "$1" .guac | grep -o '[0-9]*x[0-9]*$' || true); echo "${s:-1024x768}"; }

# bench_baseline IN.guac OUT.mp4: guacenc (1.6.0 options of the references) then ffmpeg libx264
# veryfast, the browser-ready MP4 guacenc's users make. Works on a copy in OUT's directory; fails
# when either step leaves no output (guacenc exits 0 even when it fails).
bench_baseline() {
  local in=$1 out=$2 tmp
  tmp="${out%.mp4}.guac"
  cp "$in" "$tmp"
  rm -f "$tmp.m4v"
  "$BENCH_GUACENC" -s "$(bench_size "$in")" -r 2000000 -f "$tmp" >/dev/null 2>&1
  [ -s "$tmp.m4v" ] || { rm -f "$tmp"; echo "guacenc made nothing of $in" >&2; return 1; }
  ffmpeg -nostdin -v error -y -i "$tmp.m4v" -c:v libx264 -preset veryfast -crf 23 -pix_fmt yuv420p \
    -movflags +faststart "$out"
  local rc=$?
  rm -f "$tmp" "$tmp.m4v"
  return $rc
}
