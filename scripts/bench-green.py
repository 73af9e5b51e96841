#!/usr/bin/env python3
"""The green band (Sentinel-2 B03-like) of a make_scene.py capture, for `make bench`.

make_scene.py (../shared/bench, the peer's generator) writes one NIR-like band per capture.
`alongside detect` on Sentinel-2 also reads green: NDWI water mask (green + NIR) and a second
contrast band for dark hulls. This script writes that band for one capture, on the NIR file's
grid with its tiling and compression, so the bench times every stage detect runs on real data
while the peer keeps reading the very same NIR files.

Model (DN = reflectance x 10000, clear coastal water): green = 700 + 0.7 * (NIR - 300) + N(0, 6),
so open sea is NDWI ~ +0.4 (water), bright hulls are bright in both bands (NDWI < 0), and the
sea gradient and noise of the NIR band carry over. Plus `--dark` dark hulls (dark paint, laden
low: 30-60 % below the sea in the visible, invisible in NIR), oriented rectangles 5-30 px long,
drawn in green only. Deterministic: numpy's default_rng(seed), rows in fixed 512-row chunks.

Usage: bench-green.py NIR.tif GREEN.tif [--seed 7] [--dark 40]
"""
import argparse
import math

import numpy as np
import rasterio
from rasterio.windows import Window

GREEN_SEA, NIR_SEA, GAIN, NOISE = 700.0, 300.0, 0.7, 6.0
CHUNK = 512


def dark_hulls(rng, width, height, n):
    """(cx, cy, length, width, angle, fraction) per hull, pixels and radians."""
    out = []
    for _ in range(n):
        length = float(rng.uniform(5, 30))
        out.append((float(rng.uniform(40, width - 40)), float(rng.uniform(40, height - 40)), length,
                    float(np.clip(length / rng.uniform(4, 7), 2, 6)), float(rng.uniform(0, math.pi)),
                    float(rng.uniform(0.3, 0.6))))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("nir")
    ap.add_argument("green")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dark", type=int, default=40, help="dark hulls (green only)")
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    with rasterio.open(args.nir) as src:
        w, h = src.width, src.height
        hulls = dark_hulls(rng, w, h, args.dark)
        profile = src.profile
        profile.update(count=1, dtype="uint16", num_threads="ALL_CPUS")
        with rasterio.open(args.green, "w", **profile) as dst:
            xs = np.arange(w, dtype=np.float32) + 0.5
            for r0 in range(0, h, CHUNK):
                r1 = min(h, r0 + CHUNK)
                nir = src.read(1, window=Window(0, r0, w, r1 - r0)).astype(np.float32)
                g = GREEN_SEA + GAIN * (nir - NIR_SEA) + rng.standard_normal(nir.shape, dtype=np.float32) * NOISE
                ys = np.arange(r0, r1, dtype=np.float32)[:, None] + 0.5
                for cx, cy, length, width, angle, frac in hulls:
                    reach = 0.5 * math.hypot(length, width) + 1
                    if cy + reach < r0 or cy - reach >= r1:
                        continue
                    c0, c1 = max(0, int(cx - reach)), min(w, int(cx + reach) + 2)
                    dx, dy = xs[None, c0:c1] - cx, ys - cy
                    u = dx * math.cos(angle) + dy * math.sin(angle)
                    v = -dx * math.sin(angle) + dy * math.cos(angle)
                    inside = (np.abs(u) <= length / 2) & (np.abs(v) <= width / 2)
                    g[:, c0:c1][inside] -= frac * GREEN_SEA
                np.clip(np.rint(g), 0, 65535, out=g)
                dst.write(g.astype(np.uint16), 1, window=Window(0, r0, w, r1 - r0))


if __name__ == "__main__":
    main()
