// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Alongside",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "alongside", targets: ["alongside"]),
        .library(name: "AlongsideKit", targets: ["Raster", "GeoReferencing", "RasterIO", "Detection", "Report", "Synthesis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries from Debian's -dev packages.
        .systemLibrary(name: "CTIFF", path: "Sources/CTIFF", pkgConfig: "libtiff-4",
                       providers: [.apt(["libtiff-dev", "libgeotiff-dev"])]),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CPROJ", path: "Sources/CPROJ", pkgConfig: "proj",
                       providers: [.apt(["libproj-dev"])]),
        // The only compiled C: setjmp-safe libpng, libtiff per-handle errors, variadic wrappers.
        .target(name: "CShims", dependencies: ["CTIFF", "CPNG", "CPROJ"], path: "Sources/CShims"),

        .target(name: "Raster", path: "Sources/Raster"),
        .target(name: "GeoReferencing", dependencies: ["CPROJ", "CShims", "Raster"], path: "Sources/GeoReferencing"),
        .target(name: "RasterIO", dependencies: ["CShims", "CTIFF", "CPNG", "Raster", "GeoReferencing"], path: "Sources/RasterIO"),
        .target(name: "Detection", dependencies: ["Raster"], path: "Sources/Detection",
                swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]),
        .target(name: "Report", dependencies: ["Detection", "GeoReferencing", "RasterIO", "Raster"], path: "Sources/Report"),
        .target(name: "Synthesis", dependencies: ["Raster", "GeoReferencing", "RasterIO", "Report", "Detection"], path: "Sources/Synthesis"),
        .executableTarget(name: "alongside", dependencies: [
            "Raster", "GeoReferencing", "RasterIO", "Detection", "Report", "Synthesis",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/alongside"),

        .testTarget(name: "RasterTests", dependencies: ["Raster"]),
        .testTarget(name: "GeoReferencingTests", dependencies: ["GeoReferencing", "Raster"]),
        .testTarget(name: "RasterIOTests", dependencies: ["RasterIO", "GeoReferencing", "Raster"]),
        .testTarget(name: "DetectionTests", dependencies: ["Detection", "Raster"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Detection", "GeoReferencing", "Synthesis"]),
        .testTarget(name: "EndToEndTests", dependencies: ["RasterIO", "GeoReferencing", "Raster"]),
    ],
    swiftLanguageModes: [.v6]
)
