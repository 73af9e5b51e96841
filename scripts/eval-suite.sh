#!/usr/bin/env bash
# Event F1 of `alongside detect` over synthetic scenes never used in development.
#
# The rule was fixed before any result was seen (docs/detection.md, "Evaluation"):
#   seeds 7001…7024; for i = seed − 7001:
#     resolution = (10 10 5 3 1 0.5)[i mod 6] m
#     crs        = (utm EPSG:3857 utm EPSG:4326)[i mod 4]
#     format     = png when i mod 3 == 2, else tif
#     content    = --negative when i mod 4 == 3 (6 scenes), else everything
#     size       = clamp(3000 m / resolution, 768, 2048) px
# Development used seeds below 1000 and the samples' seeds only.
#
# Usage: scripts/eval-suite.sh [BIN] [WORKDIR]   (BIN defaults to .build/release/alongside)
set -euo pipefail
bin=${1:-.build/release/alongside}
work=${2:-out/suite}
mkdir -p "$work"
res=(10 10 5 3 1 0.5)
crs=(utm EPSG:3857 utm EPSG:4326)
tp=0; fp=0; fn=0; negfail=0; negs=0
printf "%-5s %-5s %-10s %-4s %-4s %5s %5s %5s %s\n" seed res crs fmt kind truth cand match seconds
for seed in $(seq 7001 7024); do
  i=$((seed - 7001))
  r=${res[$((i % 6))]}
  c=${crs[$((i % 4))]}
  f=tif; [ $((i % 3)) -eq 2 ] && f=png
  kind=all; neg=(); if [ $((i % 4)) -eq 3 ]; then kind=neg; neg=(--negative); fi
  size=$(python3 -c "print(max(768, min(2048, int(3000 / $r))))")
  d="$work/$seed"
  "$bin" synth "$d" --seed "$seed" --resolution "$r" --crs "$c" --format "$f" --size "$size" "${neg[@]}" >/dev/null
  start=$(date +%s.%N)
  "$bin" detect "$d/before.$f" "$d/after.$f" -o "$d/out.geojson" 2>"$d/detect.log"
  secs=$(python3 -c "import time; print(f'{time.time() - $start:.1f}')")
  "$bin" eval --truth "$d/truth.geojson" "$d/out.geojson" --json >"$d/eval.json"
  read -r t cnd m ffp ffn < <(python3 -c "
import json; e = json.load(open('$d/eval.json'))['events']
print(e['truth'], e['candidates'], e['true_positives'], e['false_positives'], e['false_negatives'])")
  tp=$((tp + m)); fp=$((fp + ffp)); fn=$((fn + ffn))
  if [ "$kind" = neg ]; then negs=$((negs + 1)); [ "$cnd" -eq 0 ] || negfail=$((negfail + 1)); fi
  printf "%-5s %-5s %-10s %-4s %-4s %5s %5s %5s %s\n" "$seed" "$r" "$c" "$f" "$kind" "$t" "$cnd" "$m" "$secs"
done
python3 -c "
tp, fp, fn = $tp, $fp, $fn
p = tp / (tp + fp) if tp + fp else 1.0
r = tp / (tp + fn) if tp + fn else 1.0
f = 2 * p * r / (p + r) if p + r else 0.0
print(f'events: TP {tp}, FP {fp}, FN {fn}; precision {p:.3f}, recall {r:.3f}, F1 {f:.3f}')"
echo "negative scenes with candidates: $negfail of $negs"
