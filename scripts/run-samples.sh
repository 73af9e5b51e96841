#!/usr/bin/env bash
# `make run`: detect on every bundled sample pair, write out/NAME.geojson (and PNG chips of each
# candidate in out/NAME-quicklook/), then score it
# against the sample's truth with `alongside eval`.
set -euo pipefail
bin=${1:-.build/release/alongside}
cd "$(dirname "$0")/.."
source scripts/sample-captures.sh
mkdir -p out
found=0
for dir in samples/*/; do
  before=$(sample_capture "$dir" before); after=$(sample_capture "$dir" after)
  [ -n "$before" ] && [ -n "$after" ] || continue
  found=1
  name=$(basename "$dir")
  echo "== $name"
  "$bin" detect "$before" "$after" -o "out/$name.geojson" --quicklook "out/$name-quicklook"
  [ -f "${dir}truth.geojson" ] && "$bin" eval --truth "${dir}truth.geojson" "out/$name.geojson"
done
[ "$found" = 1 ] || echo "no samples found (scripts/make-samples.sh makes them)"
