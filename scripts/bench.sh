#!/usr/bin/env bash
# `make bench`: Alongside next to the Python peer (../shared/bench/peer.py) on the same
# synthetic Sentinel-2-sized pair, in ONE run, interleaved, each job repeated; prints a table of
# per-stage Mpx/s (pixels of one capture / wall seconds), peer ratios and peak RSS.
# The peer's make_scene.py writes one NIR-like band per capture; scripts/bench-green.py adds a
# green band per capture (NDWI water mask and dark-hull contrast band, as on Sentinel-2), so
# `detect` and the per-stage run read NIR + green while the peer reads the same NIR files.
# `detect` also runs on the NIR files alone (exactly the peer's input).
# Method and recorded figures: docs/performance.md.
#
# Environment:
#   BENCH_SIZE=10980        scene side in pixels (2048 for a quick run)
#   BENCH_REPEATS=3         rounds; every figure is the median over rounds, ratios are
#                           medians of per-round ratios (jobs of one round run back to back)
#   BENCH_KERNEL_SIZE=$BENCH_SIZE   side of KernelBench's synthetic scene (≈ 26 B/px of memory)
#   BENCH_FORMAT=tif        tif, or png (16-bit PNG copies made with gdal_translate)
#   BENCH_PEER=../shared/bench      where peer.py and make_scene.py live
#   BENCH_SCRATCH=.build    swift build scratch path (helpers: .build-NAME)
#   BENCH_SKIP_BUILD=1      use the binaries already built
set -euo pipefail
cd "$(dirname "$0")/.."

size=${BENCH_SIZE:-10980}
repeats=${BENCH_REPEATS:-3}
ksize=${BENCH_KERNEL_SIZE:-$size}
format=${BENCH_FORMAT:-tif}
peer_dir=${BENCH_PEER:-../shared/bench}
scratch=${BENCH_SCRATCH:-.build}
venv=.venv-bench
py=$venv/bin/python
data=bench-data/$size
out=out/bench/$(date -u +%Y%m%dT%H%M%SZ)-$size

for f in peer.py make_scene.py; do
  [ -f "$peer_dir/$f" ] || { echo "bench: $peer_dir/$f not found (set BENCH_PEER)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }

# 1. The peer's Python environment (git-ignored).
if ! "$py" -c 'import numpy, scipy, rasterio, cv2, skimage' 2>/dev/null; then
  echo "== creating $venv (numpy scipy rasterio opencv-python-headless scikit-image)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q numpy scipy rasterio opencv-python-headless scikit-image
fi

# 2. The scene pair (git-ignored), made once per size.
if [ ! -f "$data/before.tif" ] || [ ! -f "$data/after.tif" ]; then
  echo "== generating $data with make_scene.py --size $size"
  "$py" "$peer_dir/make_scene.py" --size "$size" --out "$data"
fi
seed=7
for n in before after; do
  if [ ! -f "$data/$n-green.tif" ]; then
    echo "== generating $data/$n-green.tif with scripts/bench-green.py --seed $seed"
    "$py" scripts/bench-green.py "$data/$n.tif" "$data/$n-green.tif" --seed "$seed"
  fi
  seed=$((seed + 1))
done
case "$format" in
  tif) dir=$data ;;
  png)
    dir=$data/png
    mkdir -p "$dir"
    for n in before after before-green after-green; do
      [ -f "$dir/$n.png" ] || gdal_translate -q -of PNG -co WORLDFILE=YES "$data/$n.tif" "$dir/$n.png"
    done ;;
  *) echo "bench: BENCH_FORMAT must be tif or png, not $format" >&2; exit 1 ;;
esac
before=$dir/before.$format; after=$dir/after.$format
# NIR + green captures (band files), for detect and the per-stage run.
before2=$before,$dir/before-green.$format; after2=$after,$dir/after-green.$format
bands=nir=1,green=2

# 3. Release builds.
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  echo "== building release (alongside, alongside-bench)"
  swift build -c release --scratch-path "$scratch" --product alongside
  swift build -c release --scratch-path "$scratch" --product alongside-bench
fi
bin=$scratch/release/alongside
bench=$scratch/release/alongside-bench

# 4. Interleaved rounds. Each job writes its output and a /usr/bin/time -v record.
mkdir -p "$out"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "size: $size  kernel size: $ksize  format: $format  repeats: $repeats"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
  echo "swift: $(swift --version 2>/dev/null | head -1)"
  echo "alongside: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
} > "$out/env.txt"
cat "$out/env.txt"

jobs=(detect detect1 stages tuned naive extras kernels)
run_job() { # job round
  local job=$1 r=$2 t=$out/$1.$2.time
  cut -d' ' -f1 /proc/loadavg > "$out/$job.$r.load"
  case "$job" in
    detect) /usr/bin/time -v -o "$t" "$bin" detect "$before2" "$after2" --bands "$bands" -o "$out/detect.geojson" \
              > /dev/null 2> "$out/detect.$r.err" ;;
    detect1) /usr/bin/time -v -o "$t" "$bin" detect "$before" "$after" -o "$out/detect1.geojson" \
              > /dev/null 2> "$out/detect1.$r.err" ;;
    stages) /usr/bin/time -v -o "$t" "$bench" stages "$before2" "$after2" --bands "$bands" --json \
              > "$out/stages.$r.json" ;;
    tuned|naive) /usr/bin/time -v -o "$t" "$py" "$peer_dir/peer.py" "$before" "$after" --mode "$job" --json \
              --out "$out/peer-$job.geojson" > "$out/$job.$r.json" ;;
    extras) /usr/bin/time -v -o "$t" "$py" "$peer_dir/peer.py" "$before" "$after" --mode tuned --extras --json \
              --out "$out/peer-extras.geojson" > "$out/extras.$r.json" ;;
    kernels) /usr/bin/time -v -o "$t" "$bench" kernels --size "$ksize" --repeats 1 --json > "$out/kernels.$r.json" ;;
  esac
}
for r in $(seq 1 "$repeats"); do
  # Rotate the order each round so no job always follows the same neighbour.
  for i in "${!jobs[@]}"; do
    job=${jobs[$(( (i + r - 1) % ${#jobs[@]} ))]}
    echo "== round $r/$repeats: $job (load $(cut -d' ' -f1 /proc/loadavg))"
    run_job "$job" "$r"
  done
done

# 5. The table (also saved as $out/summary.md).
"$py" - "$out" "$repeats" <<'PY' | tee "$out/summary.md"
import json, re, statistics, sys
out, R = sys.argv[1], int(sys.argv[2])
rounds = range(1, R + 1)
med = statistics.median
nan = float("nan")

def load(job, r):
    with open(f"{out}/{job}.{r}.json") as f:
        return json.loads(f.read().strip().splitlines()[-1])

def timev(job, r):
    """(wall s, user+sys CPU s, peak RSS MB) of a whole process, from /usr/bin/time -v."""
    txt = open(f"{out}/{job}.{r}.time").read()
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", txt)
    wall = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    cpu = sum(float(re.search(rf"{k} time \(seconds\): ([\d.]+)", txt).group(1)) for k in ("User", "System"))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", txt).group(1)) / 1024
    return wall, cpu, rss

def loadavg(job, r):
    return float(open(f"{out}/{job}.{r}.load").read())

A = {r: load("stages", r) for r in rounds}
T = {r: load("tuned", r) for r in rounds}
N = {r: load("naive", r) for r in rounds}
E = {r: load("extras", r) for r in rounds}
K = {r: load("kernels", r) for r in rounds}
npx = A[1]["npx"]
assert T[1]["npx"] == npx, "peer and Alongside read different sizes"
info = A[1]["info"]
# CFAR planes per window: the detection band of each capture, plus the green contrast band
# (the pipeline's dark-hull test, docs/detection.md) when the captures have one.
planes = 2 * (1 + int(info.get("green", 0)))

def detect_inproc(job):
    def f(r):
        m = re.search(r"time ([\d.]+) s", open(f"{out}/{job}.{r}.err").read())
        return float(m.group(1)) if m else nan
    return f

def mpx(sec):
    return npx / sec / 1e6 if sec and sec > 0 else nan

def fmt(x, nd=1):
    return "—" if x is None or x != x else f"{x:,.{nd}f}"

def a_(*names, per=1):
    """Alongside stage(s) of the stages run: wall s (÷ per), the calling thread's CPU s when the
    tool's own clock timed them (not the pipeline's stage clocks), RSS after the last one."""
    cpu = all(n in A[1]["cpu"] for n in names)
    return (lambda r: sum(A[r]["times"][n] for n in names) / per,
            (lambda r: sum(A[r]["cpu"][n] for n in names) / per) if cpu else None,
            (lambda r: A[r]["rss_mb"][names[-1]]) if names[-1] in A[1]["rss_mb"] else None)

def p_(*names):   # peer stage(s) in the tuned and naive runs
    return (lambda r: sum(T[r]["times"][n] for n in names), lambda r: sum(N[r]["times"][n] for n in names),
            lambda r: T[r]["rss_mb"].get(names[-1], T[r]["peak_rss_mb"]))

none = (None, None, None)
pipe = lambda n: f"pipeline.{n}"
rows = [
    ("decode the NIR band of both captures ↔ read (the same NIR files)", *a_("decode.nir"), *p_("read")),
    ("decode the green band of both captures ↔ —", *a_("decode.green"), *none),
    ("scene setup: shift, noise, radiometric mapping ↔ —", *a_(pipe("setup")), *none),
    ("window read (from memory) + convert to Float ↔ —", *a_(pipe("read")), *none),
    ("water: NDWI, land components, sea reach ↔ —", *a_(pipe("water")), *none),
    ("difference ↔ diff", *a_(pipe("difference")), *p_("diff")),
    (f"CFAR: robust censoring + CA-CFAR, {planes} planes (NIR{' + green dark test' if planes > 2 else ''} × 2 captures) "
     "↔ threshold: global median + k·MAD", *a_(pipe("cfar")), *p_("threshold")),
    ("CFAR per plane ↔ CA-CFAR by cv2.boxFilter, one plane, uncensored (--extras; naive column: integral image)",
     *a_(pipe("cfar"), per=planes), lambda r: E[r]["extras"]["threshold.cfar_boxfilter"],
     lambda r: E[r]["extras"]["threshold.cfar_integral"], None),
    ("hysteresis (seed flood fill) + label + moments, × 2 captures ↔ label + moments", *a_(pipe("label")), *p_("label")),
    ("measure (footprints, merged hulls, wakes) + events ↔ filter + pairs", *a_(pipe("measure"), pipe("events")),
     *p_("filter", "pairs")),
    ("GeoJSON ↔ write", *a_("write"), *p_("write")),
    (f"pipeline on decoded planes, {int(info['pipeline_threads'])} thread(s) ↔ total − read",
     *a_("pipeline"), lambda r: T[r]["times"]["total"] - T[r]["times"]["read"],
     lambda r: N[r]["times"]["total"] - N[r]["times"]["read"], lambda r: T[r]["peak_rss_mb"]),
    ("`alongside detect`, NIR + green, in-process (its summary line) ↔ total", detect_inproc("detect"), None,
     lambda r: timev("detect", r)[2], lambda r: T[r]["times"]["total"], lambda r: N[r]["times"]["total"],
     lambda r: T[r]["peak_rss_mb"]),
    ("`alongside detect`, NIR only (the peer's input), in-process ↔ total", detect_inproc("detect1"), None,
     lambda r: timev("detect1", r)[2], lambda r: T[r]["times"]["total"], lambda r: N[r]["times"]["total"],
     lambda r: T[r]["peak_rss_mb"]),
]

print(f"\n{A[1]['size'][1]}×{A[1]['size'][0]} uint16 pair, {npx / 1e6:.1f} Mpx per capture; medians of {R} "
      f"interleaved rounds. Mpx/s = pixels of one capture / wall s (CPU column: / the calling thread's CPU s, "
      f"where the bench's own clock timed the stage). Stage rows from pipeline.* are the pipeline's own clocks "
      f"(thread-seconds, {int(info['pipeline_threads'])} worker(s)). "
      f"ratio = Alongside ÷ peer tuned Mpx/s, median of per-round ratios (> 1: Alongside faster).\n")
print("| stage: Alongside ↔ peer | Alongside Mpx/s | Alongside Mpx/s (CPU) | peer tuned Mpx/s | ratio "
      "| peer naive Mpx/s | Alongside RSS MB | peer tuned RSS MB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for label, a_s, a_c, a_rss, t_s, n_s, t_rss in rows:
    a = [mpx(a_s(r)) for r in rounds]
    ac = fmt(med(mpx(a_c(r)) for r in rounds)) if a_c else "—"
    t = [mpx(t_s(r)) for r in rounds] if t_s else None
    ratio = fmt(med(x / y for x, y in zip(a, t)), 2) + "×" if t else "—"
    n = fmt(med(mpx(n_s(r)) for r in rounds)) if n_s else "—"
    tr = fmt(med(t_rss(r) for r in rounds), 0) if t_rss else "—"
    ar = fmt(med(a_rss(r) for r in rounds), 0) if a_rss else "—"
    print(f"| {label} | {fmt(med(a))} | {ac} | {fmt(med(t)) if t else '—'} | {ratio} | {n} | {ar} | {tr} |")

print("\nWhole processes (/usr/bin/time -v; wall and user+sys CPU include start-up and the peer's Python imports; "
      "ratio = peer tuned ÷ this process, > 1: this one is faster):\n")
print("| process | wall s | Mpx/s | wall ratio | CPU s | CPU ratio | peak RSS MB | load avg at start |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
procs = [("alongside detect, NIR + green", "detect"), ("alongside detect, NIR only", "detect1"),
         ("peer.py --mode tuned", "tuned"), ("peer.py --mode naive", "naive"),
         ("peer.py --mode tuned --extras", "extras"),
         ("alongside-bench stages (decode + one-thread pipeline: not comparable)", "stages")]
tv = {r: timev("tuned", r) for r in rounds}
for name, job in procs:
    v = {r: timev(job, r) for r in rounds}
    cmp = job in ("detect", "detect1", "tuned", "naive")
    wr = f"{med(tv[r][0] / v[r][0] for r in rounds):.2f}×" if cmp else "—"
    cr = f"{med(tv[r][1] / v[r][1] for r in rounds):.2f}×" if cmp else "—"
    w = med(v[r][0] for r in rounds)
    print(f"| {name} | {w:.2f} | {mpx(w):.1f} | {wr} | {med(v[r][1] for r in rounds):.2f} | {cr} "
          f"| {med(v[r][2] for r in rounds):.0f} | {', '.join(f'{loadavg(job, r):.1f}' for r in rounds)} |")

ks = K[1]["size"]
print(f"\nDetection kernels (KernelBench: synthetic {ks}×{ks} sea, one thread, thread CPU time, median of {R} "
      f"processes, peak RSS {med(K[r]['peak_rss_mb'] for r in rounds):.0f} MB):\n")
print("| kernel | Mpx/s | CPU s per 10 980² |")
print("|---|---:|---:|")
for k in sorted(K[1]["mpxs"]):
    if k.endswith(".components"):
        continue
    v = med(K[r]["mpxs"][k] for r in rounds)
    per_tile = "—" if k.startswith("shift.") else f"{120.56 / v:.2f}"   # shift: a 1024² crop only
    print(f"| `{k}` | {v:,.0f} | {per_tile} |")

i = info
print(f"\nAlongside: {int(i['windows'])} windows of core {int(i['core_px'])} px + halo {int(i['halo_px'])} px "
      f"(pixels read {i['read_overhead']:.2f}× the scene), pipeline threads {int(i['pipeline_threads'])}, "
      f"bands {int(i['bands'])} (green: {'yes' if i.get('green') else 'no'}), "
      f"vessels after/before {int(i['vessels_after'])}/{int(i['vessels_before'])}, candidates {int(i['candidates'])}. "
      f"Peer tuned: components {T[1]['info']['components']}, blobs {T[1]['info']['blobs']}, pairs {T[1]['info']['pairs']}, "
      f"cv threads {T[1]['cv_threads']}, imports {med(T[r]['import_s'] for r in rounds):.2f} s.")
la = ", ".join("%.1f" % A[r].get("load_avg", nan) for r in rounds)
lt = ", ".join("%.1f" % loadavg("tuned", r) for r in rounds)
print(f"Load average (1 min) inside each Alongside stages run: {la}; before each peer tuned run: {lt}.")
print(f"Raw outputs: {out}")
PY
