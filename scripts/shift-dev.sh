#!/usr/bin/env bash
# Residual-shift accuracy of `alongside detect` on development synth seeds (< 1000; never the
# suite's). Scene i = 0 … N−1: seed = 1 + i, resolution (0.5 1 3 5 10)[i mod 5],
# crs (utm EPSG:3857 EPSG:4326)[i mod 3], format (tif png)[i mod 2], size as scripts/synth-suite.sh
# (clamp(2000 m / resolution, 1024, 2048) px), --negative every 4th scene. Pairs are cached in DIR.
# Prints per scene the true and estimated shift and the error (max over axes), then mean/max,
# and the events' TP/FP/FN over all scenes (candidates on the --negative ones).
# Usage: scripts/shift-dev.sh [N=40] [DIR=out/shift-dev]   (binary: $ALONGSIDE_BIN)
set -euo pipefail
bin=${ALONGSIDE_BIN:-.build/release/alongside}
n=${1:-40}
out=${2:-out/shift-dev}
mkdir -p "$out"
resolutions=(0.5 1 3 5 10); crss=(utm EPSG:3857 EPSG:4326); formats=(tif png)
: >"$out/rows.tsv"
for ((i = 0; i < n; i++)); do
  seed=$((1 + i)); res=${resolutions[$((i % 5))]}; crs=${crss[$((i % 3))]}; fmt=${formats[$((i % 2))]}
  neg=(); [ $((i % 4)) = 3 ] && neg=(--negative)
  size=$(awk -v r="$res" 'BEGIN { s = int(2000 / r + 0.5); if (s < 1024) s = 1024; if (s > 2048) s = 2048; print s }')
  d="$out/$(printf %03d "$i")-$seed"
  if [ ! -s "$d/truth.geojson" ]; then
    rm -rf "$d"
    "$bin" synth "$d" --seed "$seed" --resolution "$res" --crs "$crs" --format "$fmt" --size "$size" "${neg[@]}" >/dev/null
  fi
  b="$d/before.$fmt"; a="$d/after.$fmt"
  if [ "$fmt" = png ]; then b="$b,$d/before_B08.png"; a="$a,$d/after_B08.png"; fi
  "$bin" detect "$b" "$a" -o "$d/out.geojson" 2>"$d/detect.log"
  "$bin" eval --truth "$d/truth.geojson" "$d/out.geojson" --json --explain "$d/scene.geojson" >"$d/eval.json"
  printf "%s\t%s\t%s\t%s\t%s\t%s\n" "$i" "$seed" "$res" "$crs" "$fmt" "$d" >>"$out/rows.tsv"
done
python3 - "$out" <<'PY'
import json, sys
rows = [l.rstrip("\n").split("\t") for l in open(f"{sys.argv[1]}/rows.tsv")]
errs, frac = [], []
tp = fp = fn = negc = 0
for i, seed, res, crs, fmt, d in rows:
    t = json.load(open(f"{d}/truth.geojson")).get("alongside", {}).get("registration") or {}
    e = json.load(open(f"{d}/out.geojson")).get("alongside", {}).get("registration") or {}
    tx, ty, ex, ey = t.get("dx_px", 0), t.get("dy_px", 0), e.get("dx_px", 0), e.get("dy_px", 0)
    err = max(abs(tx - ex), abs(ty - ey))
    ej = json.load(open(f"{d}/eval.json")); ev = ej["events"]
    on = ej.get("false_candidates_on", {}).get("events", [])
    tp += ev["true_positives"]; fp += ev["false_positives"]; fn += ev["false_negatives"]
    if int(i) % 4 == 3: negc += ev["candidates"]
    errs.append(err)
    isfrac = tx != round(tx) or ty != round(ty)
    if isfrac: frac.append(err)
    print(f"{i:>3} {seed:>4} {res:>4} {crs:9} {fmt:3} truth {tx:+5.2f} {ty:+5.2f} est {ex:+5.2f} {ey:+5.2f} err {err:4.2f}{' *' if err > 0.5 else ''}  events TP {ev['true_positives']} FP {ev['false_positives']} FN {ev['false_negatives']}"
          + (" on " + ", ".join(str(l) for l in on) if on else ""))
print(f"all {len(errs)}: mean err {sum(errs)/len(errs):.3f} max {max(errs):.2f}; > 0.5 px: {sum(e > 0.5 for e in errs)}; > 0.2 px: {sum(e > 0.2 for e in errs)}")
print(f"events: TP {tp} FP {fp} FN {fn}; candidates on negative scenes {negc}")
if frac: print(f"fractional truth {len(frac)}: mean err {sum(frac)/len(frac):.3f} max {max(frac):.2f}")
PY
