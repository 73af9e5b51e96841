#!/usr/bin/env bash
# Builds and runs a libFuzzer target with AddressSanitizer:
#   scripts/fuzz.sh [target…] [seconds]   e.g. `scripts/fuzz.sh png 300`; no target = all; default 60 s
# Each target is Fuzz/<name>/main.swift (exporting LLVMFuzzerTestOneInput) compiled with the
# Swift modules it needs straight from Sources/ (SwiftPM has no fuzzer products). The corpus
# starts as a copy of the matching files in ../shared/data (never written to) and grows in
# .build-fuzz/<name>/corpus; crashes land in .build-fuzz/<name>/ as crash-*.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
all_targets=(png tiff)  # add a target here and as a case below
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
seconds=60
if [ ${#targets[@]} -ge 1 ] && [[ ${targets[-1]} =~ ^[0-9]+$ ]]; then seconds=${targets[-1]}; unset 'targets[-1]'; fi
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
shared=${ALONGSIDE_SHARED:-$root/../shared}/data
[ -d "$shared" ] || shared=/work/shared/data

# build_target NAME "C-shim-dirs" "system-module-dirs" "link-flags" "swift modules in dependency order"
build_target() {
    local name=$1 shims=$2 sysmods=$3 links=$4 modules=$5
    local out=$root/.build-fuzz/$name
    mkdir -p "$out/mods" "$out/obj"
    local incs=()
    for d in $sysmods; do incs+=(-I "$root/Sources/$d"); done
    local objs=()
    for s in $shims; do
        clang -O1 -g -fsanitize=fuzzer-no-link,address -c "$root/Sources/$s/"*.c -I "$root/Sources/$s/include" \
            $(pkg-config --cflags libpng libtiff-4 proj 2>/dev/null) -o "$out/obj/$s.o"
        objs+=("$out/obj/$s.o")
        mkdir -p "$out/mods/$s"
        printf 'module %s {\n  header "%s"\n  export *\n}\n' "$s" "$(ls "$root/Sources/$s/include/"*.h | head -1)" \
            > "$out/mods/$s/module.modulemap"
        incs+=(-I "$out/mods/$s")
    done
    for m in $modules; do
        swiftc -parse-as-library -module-name "$m" -wmo -num-threads 0 -O -g -sanitize=fuzzer,address \
            -emit-module -emit-module-path "$out/mods/$m.swiftmodule" -emit-object -o "$out/obj/$m.o" \
            -I "$out/mods" "${incs[@]}" "$root/Sources/$m/"*.swift
        objs+=("$out/obj/$m.o")
    done
    swiftc -parse-as-library -module-name "Fuzz_$name" -O -g -sanitize=fuzzer,address -I "$out/mods" "${incs[@]}" \
        "$root/Fuzz/$name/"*.swift "${objs[@]}" $links -o "$out/fuzz-$name"
}

for t in "${targets[@]}"; do
    case $t in
    png)
        build_target png "CPNGShims" "CPNG CPROJ" "-lpng16 -lproj" "Raster GeoReferencing RasterIO PNGIO"
        seeds=$(find "$shared/pngsuite" "$shared/libpng-contrib" -iname '*.png' 2>/dev/null || true)
        ;;
    tiff)
        build_target tiff "CTIFFShims" "CTIFF CPROJ" "-ltiff -lgeotiff -lproj" "Raster GeoReferencing RasterIO GeoTIFF"
        seeds=$(find "$shared" \( -iname '*.tif' -o -iname '*.tiff' \) -size -256k 2>/dev/null || true)
        seeds="$seeds $(find "$shared/image-tiff-tests/tests/fuzz_images" -type f 2>/dev/null || true)"
        ;;
    *) echo "unknown fuzz target: $t (known: ${all_targets[*]})" >&2; exit 2 ;;
    esac
    corpus=$root/.build-fuzz/$t/corpus
    mkdir -p "$corpus"
    for f in $seeds; do cp -n "$f" "$corpus/$(basename "$(dirname "$f")")-$(basename "$f")" 2>/dev/null || true; done
    echo "fuzzing $t for ${seconds}s with $(ls "$corpus" | wc -l) corpus files"
    (cd "$root/.build-fuzz/$t" && ./fuzz-"$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
        -max_len=1048576 -print_final_stats=1 "$corpus")
done
