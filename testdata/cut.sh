#!/usr/bin/env bash
# Makes the small corpus's derived files from the full corpus of shared recordings
# (RECPIPE_RECORDINGS, default ../shared/recordings beside the checkout):
#
#   testdata/cut.sh videos                          the two small stand-ins for guacenc's videos
#   testdata/cut.sh stills RECORDING WxH FRAME...   guacenc's picture at those frames (indexes at
#                                                   25 fps, as the fidelity tests count them)
#
# A fidelity test run on the small corpus prints the stills command it needs when a still is
# missing. Needs ffmpeg.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
full=${RECPIPE_RECORDINGS:-$here/../../shared/recordings}
small=$here/recordings
[ -d "$full/reference" ] || { echo "cut: no full corpus at $full (set RECPIPE_RECORDINGS)" >&2; exit 1; }

# guacenc's reference video of a recording: NAME.guacenc.m4v, or another NAME.guacenc* (vnc-5-idle's
# is re-encoded with libx264).
reference() {
  local name=$1 video
  video=$(ls "$full/reference/$name".guacenc* 2>/dev/null | head -n1)
  [ -n "$video" ] || { echo "cut: no reference video for $name in $full/reference" >&2; exit 1; }
  echo "$video"
}

videos() {
  # Same frames and length at a quarter of the size: for tests that need a video guacenc made
  # (the guacenc stand-in, the uploader) but never look at its picture.
  ffmpeg -v error -y -i "$(reference ssh-1-1024x768)" -map 0:v -vf scale=256:192:flags=area \
    -c:v mpeg4 -q:v 8 -f mp4 "$small/reference/ssh-1-1024x768.guacenc.m4v"
  ffmpeg -v error -y -i "$(reference vnc-5-idle-1024x768)" -map 0:v -vf scale=256:192:flags=area \
    -c:v libx264 -preset medium -crf 30 -g 3000 -pix_fmt yuv420p -movflags +faststart \
    "$small/reference/vnc-5-idle-1024x768.guacenc-x264.mp4"
}

stills() {
  local name=$1 size=$2; shift 2
  [[ "$size" =~ ^([0-9]+)x([0-9]+)$ ]] || { echo "cut: size is WxH, not $size" >&2; exit 2; }
  local width=${BASH_REMATCH[1]} height=${BASH_REMATCH[2]}
  local frames select="" out=$small/reference/stills/$name/$size
  mapfile -t frames < <(printf '%s\n' "$@" | sort -n -u)
  for n in "${frames[@]}"; do
    [[ "$n" =~ ^[0-9]+$ ]] || { echo "cut: a frame is a number, not $n" >&2; exit 2; }
    select+="${select:++}eq(n\\,$n)"
  done
  tmp=$(mktemp -d) # global: the trap runs after this function returned
  trap 'rm -rf "$tmp"' EXIT
  # As the fidelity tests decode the whole video: constant 25 fps, then the chosen frames as RGB
  # PNGs, scaled (by area averaging) when the size is not the video's.
  ffmpeg -v error -i "$(reference "$name")" \
    -vf "fps=25,select=$select,scale=$width:$height:flags=area" -fps_mode passthrough \
    "$tmp/d_%05d.png"
  mkdir -p "$out"
  local k=1
  for n in "${frames[@]}"; do
    mv "$tmp/$(printf 'd_%05d.png' "$k")" "$out/$(printf '%05d.png' "$n")"
    k=$((k + 1))
  done
  echo "cut: ${#frames[@]} stills in $out"
}

case "${1:-}" in
  videos) videos ;;
  stills) shift; [ $# -ge 3 ] || { echo "usage: $0 stills RECORDING WxH FRAME..." >&2; exit 2; }; stills "$@" ;;
  *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
