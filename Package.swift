// swift-tools-version: 6.0
import PackageDescription

// Module layout: see docs/architecture.md.
let package = Package(
    name: "Alongside",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "alongside", targets: ["alongside"]),
        .library(name: "AlongsideKit", targets: ["Raster", "GeoReferencing", "RasterIO", "GeoTIFF", "PNGIO", "Captures",
                                                "Detection", "Pipeline", "Report", "Synthesis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries from Debian's -dev packages (libgeotiff has no pkg-config file: linked by name).
        .systemLibrary(name: "CTIFF", path: "Sources/CTIFF", pkgConfig: "libtiff-4",
                       providers: [.apt(["libtiff-dev", "libgeotiff-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CPROJ", path: "Sources/CPROJ", pkgConfig: "proj",
                       providers: [.apt(["libproj-dev"])]),
        // The only compiled C: libtiff per-handle errors + variadic wrappers; setjmp-safe libpng.
        .target(name: "CTIFFShims", dependencies: ["CTIFF"], path: "Sources/CTIFFShims"),
        .target(name: "CPNGShims", dependencies: ["CPNG"], path: "Sources/CPNGShims"),

        // Pixels in memory: aligned planar buffers, windows, sample types. No C, no I/O.
        .target(name: "Raster"),
        // GeoTransform, CRS (PROJ), pixel ↔ map ↔ lon/lat, ground metres.
        .target(name: "GeoReferencing", dependencies: ["CPROJ", "Raster"]),
        // The driver-independent I/O layer: RasterDataset protocol, DatasetInfo, errors, limits, atomic writes.
        .target(name: "RasterIO", dependencies: ["Raster", "GeoReferencing"]),
        // Drivers.
        .target(name: "GeoTIFF", dependencies: ["RasterIO", "Raster", "GeoReferencing", "CPROJ", "CTIFF", "CTIFFShims"]),
        .target(name: "PNGIO", dependencies: ["RasterIO", "Raster", "GeoReferencing", "CPNG", "CPNGShims"]),
        // Opening anything an analyst brings: identify + dispatch, STAC items, band-file lists, info reports.
        .target(name: "Captures", dependencies: ["RasterIO", "GeoTIFF", "PNGIO", "Raster", "GeoReferencing", "Report"]),
        // Pure kernels: SIMD + scalar references, labeling, blob statistics. No C, no files, no geography.
        .target(name: "Detection", dependencies: ["Raster"],
                swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]),
        // The output contract model (OUTPUT.md), GeoJSON read/write, evaluation against truth.
        .target(name: "Report", dependencies: ["GeoReferencing", "RasterIO"]),
        // The detection job as a library call: captures + parameters in, events out.
        .target(name: "Pipeline", dependencies: ["Detection", "Raster", "GeoReferencing", "RasterIO", "Captures", "Report"]),
        // Deterministic synthetic scene pairs with truth.
        .target(name: "Synthesis", dependencies: ["Raster", "GeoReferencing", "RasterIO", "GeoTIFF", "PNGIO", "Report"]),
        .executableTarget(name: "alongside", dependencies: [
            "Raster", "GeoReferencing", "RasterIO", "GeoTIFF", "PNGIO", "Captures", "Detection", "Pipeline", "Report", "Synthesis",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // `make bench`: per-stage throughput and peak memory (docs/performance.md).
        .executableTarget(name: "alongside-bench", dependencies: [
            "Detection", "Raster", "Pipeline", "Captures", "RasterIO", "Report",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Shared test helpers: locating ../shared/data, running the built binary and gdal tools.
        .target(name: "TestSupport", path: "Sources/TestSupport"),
        .testTarget(name: "RasterTests", dependencies: ["Raster"]),
        .testTarget(name: "GeoReferencingTests", dependencies: ["GeoReferencing", "Raster", "TestSupport"]),
        .testTarget(name: "GeoTIFFTests", dependencies: ["GeoTIFF", "RasterIO", "GeoReferencing", "Raster", "TestSupport"]),
        .testTarget(name: "PNGIOTests", dependencies: ["PNGIO", "RasterIO", "GeoReferencing", "Raster", "TestSupport"],
                    exclude: ["gdal-png-reference.tsv"]),
        .testTarget(name: "CapturesTests", dependencies: ["Captures", "RasterIO", "GeoReferencing", "Raster", "Report", "TestSupport"]),
        .testTarget(name: "DetectionTests", dependencies: ["Detection", "Raster"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Captures", "GeoTIFF", "Detection", "Report", "Synthesis", "Raster", "TestSupport"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "GeoReferencing", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "SynthesisTests", dependencies: ["Synthesis", "Report", "Captures", "Raster", "RasterIO", "GeoReferencing", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "Raster"]),
    ],
    swiftLanguageModes: [.v6]
)
