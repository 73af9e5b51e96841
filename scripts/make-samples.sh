#!/usr/bin/env bash
# Regenerates samples/ with `alongside synth` from fixed seeds, and each sample's golden
# detect output (expected.geojson, compared by Tests/EndToEndTests/DetectSamplesTests.swift).
# The files are committed; rerun after changing detection on purpose, and review the diff.
# Usage: scripts/make-samples.sh [BIN]
set -euo pipefail
bin=${1:-.build/release/alongside}
cd "$(dirname "$0")/.."
rm -rf samples/utm-tif samples/mercator-png samples/land-multiband
# A Sentinel-2-like pair: GeoTIFF, UTM, uint16, 10 m, open water and pairs only.
"$bin" synth samples/utm-tif --seed 101 --resolution 10 --size 512 --crs utm --format tif --clean
# A georeferenced PNG pair (RGB + NIR band files, world files), Web Mercator, 3 m.
"$bin" synth samples/mercator-png --seed 202 --resolution 3 --size 512 --crs EPSG:3857 --format png --clean
# Everything: land (NDWI from green+NIR), clouds, statics, illumination change, shift; 4 bands, 5 m.
"$bin" synth samples/land-multiband --seed 303 --resolution 5 --size 640 --crs utm --format tif
source scripts/sample-captures.sh
for dir in samples/*/; do
  name=$(basename "$dir")
  "$bin" detect "$(sample_capture "$dir" before)" "$(sample_capture "$dir" after)" -o "${dir}expected.geojson" 2>/dev/null
done
du -sh samples
