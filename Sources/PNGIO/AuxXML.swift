import Foundation
import GeoReferencing
import RasterIO

/// The parts of a GDAL PAM sidecar (`image.png.aux.xml`) that carry georeferencing:
/// `<SRS>` (WKT, or anything PROJ accepts such as `EPSG:4326`) and `<GeoTransform>`
/// (six comma-separated numbers in GDAL order).
public struct AuxXML: Hashable, Sendable {
    /// The `<SRS>` text, XML entities decoded.
    public var srs: String?
    public var geoTransform: GeoTransform?

    public init(srs: String? = nil, geoTransform: GeoTransform? = nil) {
        self.srs = srs
        self.geoTransform = geoTransform
    }

    /// The sidecar path GDAL uses for `imagePath`.
    public static func path(for imagePath: String) -> String { imagePath + ".aux.xml" }

    /// Parses the dataset-level `<SRS>` and `<GeoTransform>` elements (those inside
    /// `<PAMRasterBand>` are ignored). `path` names the file in errors.
    public init(text: String, path: String) throws {
        guard text.contains("<PAMDataset") else {
            throw RasterIOError.georeferencing(path: path, reason: "not a GDAL .aux.xml (no <PAMDataset>)")
        }
        // Drop band sections so a band-level element is never taken for the dataset's.
        // One pass over the bytes (removing sections in place, or Foundation's range(of:) on
        // substrings, was quadratic in the number of sections).
        let bytes = Array(text.utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var pos = 0
        while let start = Self.find(Array("<PAMRasterBand".utf8), in: bytes, from: pos),
              let end = Self.find(Array("</PAMRasterBand>".utf8), in: bytes, from: start + 14) {
            kept += bytes[pos..<start]
            pos = end + 16
        }
        kept += bytes[pos...]
        let datasetPart = kept
        if let raw = Self.element("SRS", in: datasetPart) {
            let s = Self.unescape(raw).trimmingCharacters(in: .whitespacesAndNewlines)
            srs = s.isEmpty ? nil : s
        }
        if let raw = Self.element("GeoTransform", in: datasetPart) {
            let parts = raw.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            guard parts.count == 6, parts.allSatisfy({ $0?.isFinite == true }) else {
                throw RasterIOError.georeferencing(path: path, reason: "<GeoTransform> is not six numbers")
            }
            let gt = GeoTransform(gdal: parts.map { $0! })
            guard gt.inverse != nil else {
                throw RasterIOError.georeferencing(path: path, reason: "<GeoTransform> is singular (a zero pixel size, or rows parallel to columns)")
            }
            geoTransform = gt
        }
    }

    /// Reads the sidecar at `path`.
    public static func read(path: String) throws -> AuxXML {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RasterIOError.unreadable(path: path, reason: "cannot read the .aux.xml")
        }
        guard data.count < 64 << 20 else {
            throw RasterIOError.georeferencing(path: path, reason: ".aux.xml is \(data.count) bytes, too large")
        }
        return try AuxXML(text: String(decoding: data, as: UTF8.self), path: path)
    }

    /// A minimal PAM document GDAL reads: the SRS as WKT (no axis-mapping attribute, so GDAL
    /// applies its traditional GIS order: x = easting/longitude) and, if given, the geotransform.
    public var text: String {
        var s = "<PAMDataset>\n"
        if let srs { s += "  <SRS>\(Self.escape(srs))</SRS>\n" }
        if let g = geoTransform {
            s += "  <GeoTransform>\(g.gdal.map { "\($0)" }.joined(separator: ", "))</GeoTransform>\n"
        }
        return s + "</PAMDataset>\n"
    }

    /// Writes the sidecar atomically.
    public func write(path: String) throws {
        try AtomicFile.write(Data(text.utf8), to: path)
    }

    /// First index ≥ `from` where `needle` starts in `hay`, or nil.
    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, hay.count >= needle.count else { return nil }
        var i = from
        while i <= hay.count - needle.count {
            if hay[i] == first {
                var k = 1
                while k < needle.count, hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Content of the first `<name …>…</name>` element, or nil.
    static func element(_ name: String, in text: String) -> String? { element(name, in: Array(text.utf8)) }

    static func element(_ name: String, in bytes: [UInt8]) -> String? {
        let open = Array(("<" + name).utf8), close = Array(("</" + name + ">").utf8)
        var from = 0
        while let o = find(open, in: bytes, from: from) {
            let after = o + open.count
            // The tag name must end here (so <SRS> does not match <SRSName>).
            guard after < bytes.count else { return nil }
            if [UInt8(ascii: ">"), 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/")].contains(bytes[after]) {
                guard let gt = bytes[after...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                if bytes[gt - 1] == UInt8(ascii: "/") { return "" }  // <SRS/>
                guard let end = find(close, in: bytes, from: gt + 1) else { return nil }
                return String(decoding: bytes[(gt + 1)..<end], as: UTF8.self)
            }
            from = after
        }
        return nil
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            // The entity's ';' is looked for within 10 characters only (a file of '&' without ';'
            // would otherwise be scanned to its end once per '&').
            if s[i] == "&", let semi = s[i...].prefix(11).firstIndex(of: ";") {
                let entity = s[s.index(after: i)..<semi]
                var replacement: String?
                switch entity {
                case "amp": replacement = "&"
                case "lt": replacement = "<"
                case "gt": replacement = ">"
                case "quot": replacement = "\""
                case "apos": replacement = "'"
                default:
                    if entity.hasPrefix("#x"), let v = UInt32(entity.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) {
                        replacement = String(Character(u))
                    } else if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let u = Unicode.Scalar(v) {
                        replacement = String(Character(u))
                    }
                }
                if let replacement {
                    out += replacement
                    i = s.index(after: semi)
                    continue
                }
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }
}
