#!/usr/bin/env bash
# Event precision/recall/F1 of `alongside detect` on a suite of synthetic scenes whose seeds were
# never used in development (issue 3, "Done when"). Method and results: docs/evaluation.md.
#
# Seed rule (fixed before any result was seen; development seeds are < 1000, the older
# scripts/eval-suite.sh uses 7001…7024, so these never overlap):
#   scene i = 0 … 31:   seed       = 1000003 + 7919·i
#                       resolution = (0.5 1 3 5 10)[i mod 5] m
#                       crs        = (utm EPSG:3857 EPSG:4326)[i mod 3]
#                       format     = (tif png)[i mod 2]
#                       kind       = positive (everything synth draws) for i < 24,
#                                    negative (`synth --negative`) for i ≥ 24
#                       size       = clamp(round(2000 m / resolution), 1024, 2048) px square
#   (i mod 2, 3, 5 run through all 30 resolution × CRS × format combinations for i < 30.)
# --quick: scenes 0–5 and 24–26 only (same seeds, same parameters), for a fast look.
#
# Usage: scripts/synth-suite.sh [--quick] [--out DIR] [--keep-going]
#   binary: $ALONGSIDE_BIN (default .build/release/alongside; build it with
#   `swift build -c release --product alongside`). DIR defaults to out/synth-suite.
# detect runs with --all-vessels: that only adds vessel features (events are the same), which the
# analysis of missed events below uses (was each hull of a missed event found, merged or ungrouped?).
# Per scene DIR/NNN-SEED/ holds the pair, truth.geojson, scene.geojson, out.geojson, detect.log,
# eval.json (eval --json --explain) and eval.txt; DIR/summary.json and DIR/summary.txt hold the table.
set -euo pipefail
bin=${ALONGSIDE_BIN:-.build/release/alongside}
out=out/synth-suite
quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n 2,22p "$0"; exit 0 ;;
    *) echo "synth-suite.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$bin" ] || { echo "synth-suite.sh: no binary at $bin (set ALONGSIDE_BIN)" >&2; exit 2; }
mkdir -p "$out"

resolutions=(0.5 1 3 5 10)
crss=(utm EPSG:3857 EPSG:4326)
formats=(tif png)
if [ "$quick" = 1 ]; then indices=(0 1 2 3 4 5 24 25 26); else indices=($(seq 0 31)); fi

# The capture argument of one side: before.tif, or before.png,before_B08.png (every band file).
capture_arg() {
  local dir=$1 side=$2 fmt=$3 files
  files="$dir/$side.$fmt"
  for f in "$dir/${side}"_B*."$fmt"; do [ -e "$f" ] && files="$files,$f"; done
  echo "$files"
}

start_all=$(date +%s)
: >"$out/scenes.tsv"
for i in "${indices[@]}"; do
  seed=$((1000003 + 7919 * i))
  res=${resolutions[$((i % 5))]}
  crs=${crss[$((i % 3))]}
  fmt=${formats[$((i % 2))]}
  kind=positive; neg=()
  if [ "$i" -ge 24 ]; then kind=negative; neg=(--negative); fi
  size=$(awk -v r="$res" 'BEGIN { s = int(2000 / r + 0.5); if (s < 1024) s = 1024; if (s > 2048) s = 2048; print s }')
  d="$out/$(printf %03d "$i")-$seed"
  rm -rf "$d"
  "$bin" synth "$d" --seed "$seed" --resolution "$res" --crs "$crs" --format "$fmt" --size "$size" "${neg[@]}" \
    >"$d.synth.log" 2>&1 || { echo "synth failed for seed $seed: $(tail -1 "$d.synth.log")" >&2; exit 1; }
  mv "$d.synth.log" "$d/synth.log"
  t0=$(date +%s.%N)
  "$bin" detect "$(capture_arg "$d" before "$fmt")" "$(capture_arg "$d" after "$fmt")" -o "$d/out.geojson" --all-vessels \
    2>"$d/detect.log" || { echo "detect failed for seed $seed: $(tail -1 "$d/detect.log")" >&2; exit 1; }
  t1=$(date +%s.%N)
  "$bin" eval --truth "$d/truth.geojson" "$d/out.geojson" --json --explain "$d/scene.geojson" >"$d/eval.json"
  "$bin" eval --truth "$d/truth.geojson" "$d/out.geojson" --explain "$d/scene.geojson" >"$d/eval.txt"
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$i" "$seed" "$res" "$fmt" "$crs" "$size" "$kind" "$d" "$secs" >>"$out/scenes.tsv"
  echo "scene $i seed $seed done (detect ${secs} s)" >&2
done
elapsed=$(($(date +%s) - start_all))

python3 - "$out" "$elapsed" "$quick" <<'EOF'
import json, math, sys
from collections import Counter

def metres(a, b):
    k = math.cos(math.radians((a["lat"] + b["lat"]) / 2))
    return math.hypot((a["lon"] - b["lon"]) * 111320 * k, (a["lat"] - b["lat"]) * 110574)

DARK = 0.5  # truth contrast (mean relative over 4 bands) below this: a dark hull (visible 30-60 % of sea)

def diagnose(event, detected):
    """Why a truth event was missed, from the detected vessels (--all-vessels) of its capture.
    Each hull takes its nearest detection within half its length + 20 m; a detection nearer to
    another hull of the event is that hull's. Returns (reason, detections near the event)."""
    same = [d for d in detected if d["capture"] == event["capture"]]
    near = sorted((d for d in same if metres(event, d) <= 250), key=lambda d: metres(event, d))
    owner = {}
    for k, v in enumerate(event["vessels"]):
        cands = [j for j, d in enumerate(same) if metres(v, d) <= v["length_m"] / 2 + 20]
        if cands:
            j = min(cands, key=lambda j: metres(v, same[j]))
            if min(range(len(event["vessels"])), key=lambda q: metres(event["vessels"][q], same[j])) == k:
                owner[k] = j
    blobs = {owner.get(k) for k in range(len(event["vessels"]))}
    desc = "; detected " + (", ".join(f"{d['length_m']:.0f}x{d['width_m']:.0f} m{' new' if d.get('new') else ' static'}"
                                      for d in near[:3]) or "nothing within 250 m")
    if None not in blobs and len(blobs) == len(event["vessels"]):
        return "hulls found, not grouped" + desc
    truth_width = sum(v["width_m"] for v in event["vessels"]) + event.get("gap_m", 0) * (len(event["vessels"]) - 1)
    widest = max((v["width_m"] for v in event["vessels"]), default=0)
    if near and near[0]["width_m"] > 1.3 * widest and metres(event, near[0]) < truth_width:
        return "one blob, not split" + desc
    if not near:
        return "no hull detected" + desc
    return "hull not detected" + desc

out, elapsed, quick = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
missed, missed_kinds, found_kinds = [], Counter(), Counter()
vessel_counts = Counter()
rows, tp, fp, fn, neg_cands, neg_scenes, neg_dirty = [], 0, 0, 0, 0, 0, 0
pos_fa, neg_fa = Counter(), Counter()
classes = {}
for line in open(f"{out}/scenes.tsv"):
    i, seed, res, fmt, crs, size, kind, d, secs = line.rstrip("\n").split("\t")
    e = json.load(open(f"{d}/eval.json"))
    ev = e["events"]
    on = Counter(l if l is not None else "nothing drawn"
                 for l in e.get("false_candidates_on", {}).get("events", []))
    if kind == "positive":
        for k, c in e.get("event_classes", {}).items():
            acc = classes.setdefault(k, [0, 0, 0, 0])
            for j, key in enumerate(("truth", "found", "candidates", "correct")):
                acc[j] += c[key]
    if kind == "positive":
        truth = [f["properties"] for f in json.load(open(f"{d}/truth.geojson"))["features"]
                 if f["properties"].get("kind") == "sts_candidate"]
        detected = [f["properties"] for f in json.load(open(f"{d}/out.geojson"))["features"]
                    if f["properties"].get("kind") == "vessel"]
        for k, t in enumerate(truth):
            dark = sum((v.get("contrast") or 0) < DARK for v in t["vessels"])
            key = ("merged" if t.get("merged") else "separate", "with dark hull" if dark else "all bright")
            if k in ev["missed_truth"]:
                why = diagnose(t, detected)
                missed_kinds[key + (why.split(";")[0],)] += 1
                missed.append(f"  {seed} {res:>4} m {t['capture']}/{t['change']} {len(t['vessels'])} hulls, "
                              f"{'merged' if t.get('merged') else 'separate'}, gap {t.get('gap_m', 0):.1f} m; truth "
                              + ", ".join(f"{v['length_m']:.0f}x{v['width_m']:.0f} m c {v.get('contrast') or 0:+.2f}{'' if v.get('new') else ' static'}"
                                          for v in t["vessels"]) + f": {why}")
            else:
                found_kinds[key] += 1
        if e.get("vessels"):
            for key in ("true_positives", "false_positives", "false_negatives"):
                vessel_counts[key] += e["vessels"][key]
        tp += ev["true_positives"]; fp += ev["false_positives"]; fn += ev["false_negatives"]
        pos_fa.update(on)
    else:
        neg_scenes += 1; neg_cands += ev["candidates"]; neg_dirty += ev["candidates"] > 0
        neg_fa.update(on)
    reg_t = json.load(open(f"{d}/truth.geojson")).get("alongside", {}).get("registration") or {}
    reg_d = json.load(open(f"{d}/out.geojson")).get("alongside", {}).get("registration") or {}
    shift_err = (max(abs(reg_t.get("dx_px", 0) - reg_d.get("dx_px", 0)), abs(reg_t.get("dy_px", 0) - reg_d.get("dy_px", 0)))
                 if reg_d else float("nan"))
    rows.append(dict(i=int(i), shift_error_px=round(shift_err, 2), seed=int(seed), resolution_m=float(res), format=fmt, crs=crs, size=int(size),
                     kind=kind, truth=ev["truth"], candidates=ev["candidates"], tp=ev["true_positives"],
                     fp=ev["false_positives"], fn=ev["false_negatives"], f1=float(ev["f1"]),
                     false_on=dict(on), detect_s=float(secs), dir=d))
p = tp / (tp + fp) if tp + fp else 1.0
r = tp / (tp + fn) if tp + fn else 1.0
f1 = 2 * p * r / (p + r) if p + r else 0.0
lines = []
hdr = f"{'i':>2} {'seed':>7} {'res':>4} {'fmt':3} {'crs':9} {'size':>4} {'kind':3} {'truth':>5} {'TP':>3} {'FP':>3} {'FN':>3} {'F1':>5} {'shErr':>5} {'s':>5}  false alarms lie on"
lines.append(hdr)
for w in rows:
    fa = ", ".join(f"{k} {v}" for k, v in sorted(w["false_on"].items(), key=lambda kv: (-kv[1], kv[0])))
    lines.append(f"{w['i']:>2} {w['seed']:>7} {w['resolution_m']:>4g} {w['format']:3} {w['crs']:9} {w['size']:>4} "
                 f"{'neg' if w['kind'] == 'negative' else 'pos':3} {w['truth']:>5} {w['tp']:>3} {w['fp']:>3} {w['fn']:>3} "
                 f"{w['f1']:>5.3f} {w['shift_error_px']:>5.2f} {w['detect_s']:>5.1f}  {fa}")
lines.append("")
lines.append(f"positive scenes: {sum(w['kind'] == 'positive' for w in rows)}; events TP {tp}, FP {fp}, FN {fn}; "
             f"micro precision {p:.3f}, recall {r:.3f}, F1 {f1:.3f}")
if vessel_counts:
    vt, vf, vn = (vessel_counts[k] for k in ("true_positives", "false_positives", "false_negatives"))
    lines.append(f"vessels on positive scenes (--all-vessels, diagnostic): TP {vt}, FP {vf}, FN {vn}; "
                 f"precision {vt / max(1, vt + vf):.3f}, recall {vt / max(1, vt + vn):.3f}")
lines.append("per class on positive scenes (found/truth, correct/candidates): " + ", ".join(
    f"{k} {c[1]}/{c[0]}, {c[3]}/{c[2]}" for k, c in sorted(classes.items())))
lines.append(f"negative scenes: {neg_scenes}; candidates on them: {neg_cands} (scenes with any: {neg_dirty})")
if pos_fa:
    lines.append("false events on positive scenes lie on: " + ", ".join(f"{k} {v}" for k, v in pos_fa.most_common()))
if neg_fa:
    lines.append("candidates on negative scenes lie on: " + ", ".join(f"{k} {v}" for k, v in neg_fa.most_common()))
bad = [w for w in rows if not w["shift_error_px"] <= 0.5]
lines.append(f"shift estimate off by > 0.5 px (shErr = max |estimated - true| of dx, dy): {len(bad)} of {len(rows)} scenes"
             + (" (" + ", ".join(f"{w['seed']} {w['shift_error_px']:.2f}" for w in bad) + ")" if bad else ""))
if missed:
    lines.append("missed truth events (seed, resolution, class; truth hulls LxW, contrast; reason; detected vessels nearest the event):")
    lines.extend(missed)
    lines.append("truth events by hull layout and brightness (dark = contrast < 0.5), found vs missed (and why):")
    for key in sorted(set(found_kinds) | {k[:2] for k in missed_kinds}):
        why = ", ".join(f"{k[2]} {v}" for k, v in sorted(missed_kinds.items()) if k[:2] == key)
        lines.append(f"  {key[0]}, {key[1]}: found {found_kinds[key]}, missed "
                     f"{sum(v for k, v in missed_kinds.items() if k[:2] == key)}{' (' + why + ')' if why else ''}")
lines.append(f"wall time {elapsed} s{' (--quick)' if quick else ''}")
text = "\n".join(lines)
print(text)
open(f"{out}/summary.txt", "w").write(text + "\n")
json.dump(dict(scenes=rows, positive=dict(tp=tp, fp=fp, fn=fn, precision=round(p, 4), recall=round(r, 4), f1=round(f1, 4),
                                          false_alarms_on=dict(pos_fa),
                                          classes={k: dict(zip(('truth', 'found', 'candidates', 'correct'), c)) for k, c in classes.items()}),
               negative=dict(scenes=neg_scenes, candidates=neg_cands, scenes_with_candidates=neg_dirty,
                             candidates_on=dict(neg_fa)),
               missed=missed, wall_seconds=elapsed, quick=quick), open(f"{out}/summary.json", "w"), indent=1)
EOF
