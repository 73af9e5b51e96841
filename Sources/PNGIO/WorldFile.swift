import Foundation
import GeoReferencing
import RasterIO

/// An ESRI world file: six numbers, one per line, `A D B E C F`, where
///
///     x = A·col + B·row + C
///     y = D·col + E·row + F
///
/// with `(col, row)` the *centre* of a pixel counted from 0, so `(C, F)` is the centre of the
/// top-left pixel. GDAL's geotransform uses the corner, hence the half-pixel shift in
/// ``geoTransform`` / ``init(geoTransform:)`` (the same arithmetic as GDAL's `GDALLoadWorldFile`).
public struct WorldFile: Hashable, Sendable {
    public var a: Double, d: Double, b: Double, e: Double, c: Double, f: Double

    public init(a: Double, d: Double, b: Double, e: Double, c: Double, f: Double) {
        (self.a, self.d, self.b, self.e, self.c, self.f) = (a, d, b, e, c, f)
    }

    /// The world file that describes `gt` (corner origin → centre of the top-left pixel).
    public init(geoTransform gt: GeoTransform) {
        self.init(a: gt.c1, d: gt.c4, b: gt.c2, e: gt.c5,
                  c: gt.c0 + 0.5 * gt.c1 + 0.5 * gt.c2,
                  f: gt.c3 + 0.5 * gt.c4 + 0.5 * gt.c5)
    }

    /// GDAL-order geotransform (origin at the top-left *corner* of the top-left pixel).
    public var geoTransform: GeoTransform {
        GeoTransform(c - 0.5 * a - 0.5 * b, a, b, f - 0.5 * d - 0.5 * e, d, e)
    }

    /// Parses world-file text. Like GDAL: the first six non-empty lines must start with numbers
    /// (text after the number is ignored), extra lines are ignored, and a file whose pixel size is zero in either direction
    /// (`A == 0 && B == 0` or `D == 0 && E == 0`) is rejected. `path` names the file in errors.
    public init(text: String, path: String) throws {
        let lines = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        guard lines.count >= 6 else {
            throw RasterIOError.georeferencing(path: path, reason: "world file has \(lines.count) lines, needs 6")
        }
        var v: [Double] = []
        for (i, line) in lines.prefix(6).enumerated() {
            guard let x = Self.leadingNumber(line), x.isFinite else {
                throw RasterIOError.georeferencing(path: path, reason: "world file line \(i + 1) is not a number: \"\(line.prefix(40))\"")
            }
            v.append(x)
        }
        guard (v[0] != 0 || v[2] != 0), (v[1] != 0 || v[3] != 0) else {
            throw RasterIOError.georeferencing(path: path, reason: "world file gives a zero pixel size")
        }
        self.init(a: v[0], d: v[1], b: v[2], e: v[3], c: v[4], f: v[5])
        guard geoTransform.inverse != nil, geoTransform.gdal.allSatisfy(\.isFinite) else {
            throw RasterIOError.georeferencing(path: path, reason: "world file gives a singular transform (rows parallel to columns)")
        }
    }

    /// The number a line starts with, ignoring anything after it, as GDAL's `CPLAtofM` reads
    /// world-file lines ("30.0 ; pixel size" is 30); nil when the line does not start with one.
    static func leadingNumber(_ line: String) -> Double? {
        if let exact = Double(line) { return exact }
        return line.withCString { start -> Double? in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(start, &end)
            guard let end, end != UnsafeMutablePointer(mutating: start) else { return nil }
            return value
        }
    }

    /// Reads and parses the world file at `path`.
    public static func read(path: String) throws -> WorldFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RasterIOError.unreadable(path: path, reason: "cannot read the world file")
        }
        guard data.count < 1 << 16 else {
            throw RasterIOError.georeferencing(path: path, reason: "world file is \(data.count) bytes, not six numbers")
        }
        return try WorldFile(text: String(decoding: data, as: UTF8.self), path: path)
    }

    /// The six lines, each number printed so it reads back exactly (shortest round-trip form).
    public var text: String {
        [a, d, b, e, c, f].map { "\($0)" }.joined(separator: "\n") + "\n"
    }

    /// Writes the world file atomically.
    public func write(path: String) throws {
        try AtomicFile.write(Data(text.utf8), to: path)
    }

    /// The world-file names GDAL looks for beside `imagePath`, in GDAL's order: the extension's
    /// first and last letters + "w" (`.pgw` for `.png`), the extension + "w" (`.pngw`),
    /// then `.wld` — each as written, lower-case and upper-case.
    public static func candidates(for imagePath: String) -> [String] {
        let (stem, ext) = splitExtension(imagePath)
        var names: [String] = []
        if ext.count >= 2, let first = ext.first, let last = ext.last {
            let short = "\(first)\(last)w"
            names += [short, short.lowercased(), short.uppercased()]
        }
        if !ext.isEmpty {
            names += [ext + "w", (ext + "w").lowercased(), (ext + "w").uppercased()]
        }
        names += ["wld", "WLD"]
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }.map { stem + "." + $0 }
    }

    /// The world-file path a writer uses for `imagePath` (GDAL's `.pgw` convention; `.wld`
    /// when the image has no extension).
    public static func path(for imagePath: String) -> String {
        let (stem, ext) = splitExtension(imagePath)
        if ext.count >= 2, let first = ext.first, let last = ext.last { return stem + "." + "\(first)\(last)w".lowercased() }
        return stem + ".wld"
    }

    /// `("dir/name", "png")` for `"dir/name.png"`; the extension is empty when the last path
    /// component has no dot (a leading dot does not count).
    static func splitExtension(_ path: String) -> (stem: String, ext: String) {
        let lastSlash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[lastSlash...]
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (path, "") }
        return (String(path[..<dot]), String(path[path.index(after: dot)...]))
    }
}
