#!/usr/bin/env bash
# Checks that two `alongside` binaries give byte-identical `detect` output (cmp) on development synth
# scenes (seeds < 1000: never the suite's) with land, clouds and every band (NDWI water, land
# components, dark-hull contrast band), at several resolutions, formats and CRSs. For speedups that
# must not change any result (docs/performance.md).
#
# Usage: scripts/detect-identical.sh BASELINE_BIN CANDIDATE_BIN [OUTDIR]
#   OUTDIR defaults to out/identical; scenes are generated there once (with BASELINE_BIN) and kept.
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,8p "$0"; exit 2; }
base=$1 cand=$2 out=${3:-out/identical}
mkdir -p "$out"
# seed resolution(m) format crs size
scenes=(
  "11 0.5 tif utm 1024"
  "23 3 png EPSG:3857 1024"
  "37 5 tif EPSG:4326 1024"
  "52 10 tif utm 1536"
  "64 10 png utm 1024"
  "78 1 tif EPSG:3857 1024"
)
capture_arg() { # dir side fmt
  local files="$1/$2.$3" f
  for f in "$1/$2"_B*."$3"; do [ -e "$f" ] && files="$files,$f"; done
  echo "$files"
}
status=0
for s in "${scenes[@]}"; do
  read -r seed res fmt crs size <<<"$s"
  d=$out/$seed-$res-$fmt
  if [ ! -f "$d/truth.geojson" ]; then
    "$base" synth "$d" --seed "$seed" --resolution "$res" --format "$fmt" --crs "$crs" --size "$size" >/dev/null
  fi
  for bin in base cand; do
    b=$base; [ "$bin" = cand ] && b=$cand
    "$b" detect "$(capture_arg "$d" before "$fmt")" "$(capture_arg "$d" after "$fmt")" --all-vessels \
      -o "$d/$bin.geojson" 2>"$d/$bin.log"
  done
  if cmp -s "$d/base.geojson" "$d/cand.geojson"; then
    echo "identical: seed $seed, $res m, $fmt, $crs, ${size} px ($(grep -c '"type": "Feature"' "$d/base.geojson") features)"
  else
    echo "DIFFERENT: seed $seed, $res m, $fmt, $crs ($d/base.geojson vs $d/cand.geojson)"; status=1
  fi
done
exit $status
