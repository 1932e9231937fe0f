# Shared by the benchmark scripts (source it): where the converter CLI, guacenc and the recordings
# are, the load average, and the guacenc + ffmpeg baseline. Needs BENCH_ROOT (the repository).

# The native converter's CLI as an array (BENCH_CLI): `java OPTS -jar JAR convert`, where JAR is
# CONVERTER_JAR if set, else the converter module's executable jar, else encoder-service's jar (whose
# `convert` subcommand is the same CLI). JAVA (default java) and CONVERTER_JAVA_OPTS (default
# -Xmx384m -XX:TieredStopAtLevel=1: C1 only, the options converter/README.md gives for one-shot
# runs) choose the JVM and its options. The class-data archive that scripts/converter-cds.sh
# made for that jar and JVM (bench_archive) is added when it exists, unless CONVERTER_CDS=off;
# BENCH_CDS says which was used, BENCH_PLAIN is the same command without it.
bench_cli() {
  local jar=${CONVERTER_JAR:-}
  if [ -z "$jar" ]; then
    jar=$(ls "$BENCH_ROOT"/converter/target/converter-*.jar 2>/dev/null \
      | grep -Ev -- '-(plain|original|tests|sources|javadoc|lib|lib-tests)\.jar$' | head -n1 || true)
  fi
  if [ -z "$jar" ]; then
    jar=$(ls "$BENCH_ROOT"/encoder-service/target/encoder-service-*.jar 2>/dev/null \
      | grep -Ev -- '-(plain|original|tests|sources|javadoc|lib|lib-tests)\.jar$' | head -n1 || true)
  fi
  [ -n "$jar" ] && [ -f "$jar" ] || { echo "no converter jar: build it or set CONVERTER_JAR" >&2; return 1; }
  # shellcheck disable=SC2206
  local opts=(${CONVERTER_JAVA_OPTS--Xmx384m -XX:TieredStopAtLevel=1})
  BENCH_JAR=$jar
  BENCH_PLAIN=("${JAVA:-java}" ${opts[@]+"${opts[@]}"} -jar "$jar" convert)
  BENCH_CLI=("${BENCH_PLAIN[@]}")
  BENCH_CDS="none"
  bench_archive
  if [ "${CONVERTER_CDS:-on}" != off ] && [ -f "$BENCH_ARCHIVE" ] && [ "$BENCH_ARCHIVE" -nt "$jar" ]; then
    BENCH_CLI=("${JAVA:-java}" ${opts[@]+"${opts[@]}"} "$BENCH_ARCHIVE_OPT=$BENCH_ARCHIVE" -jar "$jar" convert)
    BENCH_CDS="$BENCH_ARCHIVE_OPT=$BENCH_ARCHIVE"
  elif [ "${CONVERTER_CDS:-on}" = off ]; then
    BENCH_CDS="none (CONVERTER_CDS=off)"
  else
    BENCH_CDS="none (no $BENCH_ARCHIVE newer than the jar: scripts/converter-cds.sh makes it)"
  fi
}

# The JVM's feature version (17, 25, ...) of JAVA (default java).
bench_java_version() {
  "${JAVA:-java}" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

# Where the class-data archive for BENCH_JAR and this JVM lives, and the option that reads it:
# JDK 25 and later an AOT cache (JAR-less name .aot, -XX:AOTCache), earlier an AppCDS archive
# (.jsa, -XX:SharedArchiveFile). CONVERTER_ARCHIVE overrides the path.
bench_archive() {
  if [ "$(bench_java_version)" -ge 25 ]; then
    BENCH_ARCHIVE=${CONVERTER_ARCHIVE:-${BENCH_JAR%.jar}.aot}
    BENCH_ARCHIVE_OPT=-XX:AOTCache
  else
    BENCH_ARCHIVE=${CONVERTER_ARCHIVE:-${BENCH_JAR%.jar}.jsa}
    BENCH_ARCHIVE_OPT=-XX:SharedArchiveFile
  fi
}

# bench_tiny OUT.guac: writes a small valid recording (640x480, 11 frames 40 ms apart, 0.4 s): a
# conversion of it is mostly the CLI's start-up (JVM, ffmpeg, ffprobe).
bench_tiny() {
  local i
  {
    bench_el size 0 640 480
    bench_el rect 0 0 0 640 480
    bench_el cfill 14 0 32 64 128 255
    bench_el sync 1000 0
    for i in 1 2 3 4 5 6 7 8 9 10; do
      bench_el rect 0 $((i * 40)) 100 30 30
      bench_el cfill 14 0 255 255 255 255
      bench_el sync $((1000 + i * 40)) 0
    done
  } >"$1"
}

bench_el() { # one instruction: LEN.VALUE elements (ASCII), comma-separated, ending in ;
  local a out=""
  for a in "$@"; do out+="${#a}.$a,"; done
  printf '%s;' "${out%,}"
}

# bench_min N CMD...: the shortest wall time and the least CPU time (user + sys, the process tree)
# of N runs of CMD, as "WALL CPU" in seconds, or "failed".
bench_min() {
  local n=$1 i m wall="" cpu=""
  shift
  m=$(mktemp)
  for ((i = 0; i < n; i++)); do
    python3 "$BENCH_ROOT/scripts/lib/treerss.py" "$m" "$@" >/dev/null 2>&1 || { echo "failed"; rm -f "$m"; return 0; }
    read -r wall cpu <<<"$(awk -v w="$wall" -v c="$cpu" '{
      printf "%s %s", (w == "" || $1 < w) ? $1 : w, (c == "" || $2 < c) ? $2 : c }' "$m")"
  done
  rm -f "$m"
  echo "$wall $cpu"
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
