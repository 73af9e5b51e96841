#!/usr/bin/env bash
# `make run`: the main job on the bundled samples. Until detection lands, describes them.
set -euo pipefail
bin=${1:-.build/release/alongside}
mkdir -p out
shopt -s nullglob
found=0
for f in samples/*/*.tif samples/*/*.png; do
  found=1
  echo "== $f"
  "$bin" info "$f"
done
[ "$found" = 1 ] || echo "no samples yet"
