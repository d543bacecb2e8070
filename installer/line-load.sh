#!/usr/bin/env bash
# Load generator for live inspection: writes COUNT images into a watch folder
# at RATE images per second, the way a grabber does (written under a .part
# name, renamed when complete), cycling through the images of SOURCE.
#
#   installer/line-load.sh SOURCE_DIR WATCH_DIR COUNT RATE [PREFIX]
#
# Prints one line at the end: images written, seconds, achieved rate.
set -euo pipefail
if [ $# -lt 4 ]; then
  echo "usage: $0 SOURCE_DIR WATCH_DIR COUNT RATE [PREFIX]" >&2
  exit 2
fi
source_dir="$1"; watch_dir="$2"; count="$3"; rate="$4"; prefix="${5:-frame}"
mapfile -t sources < <(find "$source_dir" -type f \( -name '*.png' -o -name '*.jpg' -o -name '*.bmp' -o -name '*.tif' \) | sort)
if [ ${#sources[@]} -eq 0 ]; then
  echo "line-load: no images in $source_dir" >&2
  exit 2
fi
mkdir -p "$watch_dir"
start_ns=$(date +%s%N)
for ((i = 0; i < count; i++)); do
  src="${sources[$((i % ${#sources[@]}))]}"
  ext="${src##*.}"
  name=$(printf '%s_%06d.%s' "$prefix" "$i" "$ext")
  cp "$src" "$watch_dir/$name.part"
  mv "$watch_dir/$name.part" "$watch_dir/$name"
  # Keep to the schedule: image i+1 is due at start + (i+1)/rate seconds.
  due_ns=$((start_ns + (i + 1) * 1000000000 / rate))
  now_ns=$(date +%s%N)
  if [ "$due_ns" -gt "$now_ns" ]; then
    sleep "$(printf '0.%09d' $((due_ns - now_ns)))"
  fi
done
end_ns=$(date +%s%N)
awk -v n="$count" -v ns="$((end_ns - start_ns))" \
  'BEGIN { s = ns / 1e9; printf "line-load: wrote %d images in %.2f s (%.1f images/s)\n", n, s, n / s }'
