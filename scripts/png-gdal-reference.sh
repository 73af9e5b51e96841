#!/usr/bin/env bash
# Regenerates Tests/PNGIOTests/gdal-png-reference.tsv: what `gdalinfo -json -checksum` says
# about every PNG in ../shared/data (PngSuite, libpng's test PNGs, sen2ships). PNGConformanceTests
# compares PNGDataset with this table (and re-checks a sample against the live gdalinfo).
# Columns: path (relative to data/), status (ok | fail), width, height, bands as
# type:checksum:nodata:colorInterpretation:paletteCount joined by ';' (checksum -1 = GDAL could not
# decode the pixels).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${ALONGSIDE_SHARED:-$PWD/../shared}/data
out=Tests/PNGIOTests/gdal-png-reference.tsv
{
    echo "# $(gdalinfo --version)"
    (cd "$data" && find pngsuite libpng-contrib sen2ships -iname '*.png' | LC_ALL=C sort) | while read -r rel; do
        json=$(gdalinfo -json -nomd -checksum "$data/$rel" 2>/dev/null || true)
        python3 -c '
import json, sys
rel, text = sys.argv[1], sys.stdin.read()
try:
    j = json.loads(text)
except Exception:
    print(f"{rel}\tfail"); sys.exit()
def nd(b):
    v = b.get("noDataValue")
    return "" if v is None else repr(float(v))
bands = ";".join("%s:%s:%s:%s:%s" % (b["type"], b.get("checksum", -1), nd(b), b.get("colorInterpretation", ""),
                 (b.get("colorTable") or {}).get("count", "")) for b in j["bands"])
w, h = j["size"]
print(f"{rel}\tok\t{w}\t{h}\t{bands}")
' "$rel" <<<"$json"
    done
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out ($(grep -vc '^#' "$out") files)"
