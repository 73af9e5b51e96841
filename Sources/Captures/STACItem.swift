import Foundation

/// The parts of a STAC Item (https://github.com/radiantearth/stac-spec, item-spec) that
/// make a capture: its raster assets with their bands' common names, and its time.
/// Only local files: asset `href`s are resolved against the item file's folder
/// (`file://` URLs accepted); remote (`http(s)://`, `s3://`) assets are refused.
public struct STACItem: Sendable, Hashable {
    public struct Asset: Sendable, Hashable {
        /// The key in `assets`.
        public var key: String
        /// Absolute local path.
        public var path: String
        /// One role per band of the file (nil where `eo:bands` gives no common name).
        public var bandRoles: [String?]
    }

    public var path: String
    public var id: String
    /// `properties.datetime`, else `properties.start_datetime`.
    public var datetime: Date?
    /// Raster assets in document order.
    public var assets: [Asset]
    /// `properties["proj:epsg"]`, when present (the CRS of the assets if they carry none).
    public var epsg: Int?

    /// Whether `bytes` (a file's start) look like a STAC Item: JSON with `"type": "Feature"`
    /// and `"stac_version"`.
    public static func identify(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }), first == UInt8(ascii: "{")
        else { return false }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.contains("\"stac_version\"") || (text.contains("\"Feature\"") && text.contains("\"assets\""))
    }

    /// Reads the item at `path`. Raster assets are those whose media type is an image
    /// (`image/tiff…`, `image/png`), or whose href ends in `.tif`/`.tiff`/`.png`, or that
    /// carry `eo:bands`; thumbnails/overviews (role `thumbnail`, `overview`) are skipped.
    public init(path: String, maxBytes: Int = 64 << 20) throws {
        let url = URL(fileURLWithPath: path)
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw CaptureError.badSTACItem(path: path, reason: "cannot read it")
        }
        if let size = attrs[.size] as? Int, size > maxBytes {
            throw CaptureError.badSTACItem(path: path, reason: "\(size) bytes is larger than a STAC item can be")
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CaptureError.badSTACItem(path: path, reason: "cannot read it")
        }
        try self.init(json: data, path: path)
    }

    /// Parses item JSON; `path` is the item's location (hrefs are relative to its folder).
    public init(json data: Data, path: String) throws {
        func fail(_ reason: String) -> CaptureError { .badSTACItem(path: path, reason: reason) }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw fail("invalid JSON")
        }
        guard let root = object as? [String: Any] else { throw fail("the top level is not an object") }
        if let type = root["type"] as? String, type != "Feature" {
            throw fail(type == "FeatureCollection" || type == "Collection" || type == "Catalog"
                       ? "a \(type), not an Item: give one item" : "type is \"\(type)\", not \"Feature\"")
        }
        guard let assets = root["assets"] as? [String: Any] else { throw fail("no \"assets\"") }
        let props = root["properties"] as? [String: Any] ?? [:]
        self.path = path
        self.id = root["id"] as? String ?? (path as NSString).lastPathComponent
        let dt = (props["datetime"] as? String) ?? (props["start_datetime"] as? String)
        if let dt {
            guard let d = CaptureTime.parseISO8601(dt) else { throw fail("properties.datetime \"\(dt)\" is not RFC 3339") }
            self.datetime = d
        } else {
            self.datetime = nil
        }
        self.epsg = (props["proj:epsg"] as? NSNumber)?.intValue

        // JSONSerialization loses key order; recover document order from the raw text.
        let text = String(decoding: data, as: UTF8.self)
        func position(_ key: String) -> String.Index {
            text.range(of: "\"\(key)\"")?.lowerBound ?? text.endIndex
        }
        let base = url(forFolderOf: path)
        var out: [Asset] = []
        for key in assets.keys.sorted(by: { position($0) < position($1) || (position($0) == position($1) && $0 < $1) }) {
            guard let asset = assets[key] as? [String: Any], let href = asset["href"] as? String else { continue }
            let roles = asset["roles"] as? [String] ?? []
            if roles.contains("thumbnail") || roles.contains("overview") || roles.contains("metadata") { continue }
            let type = (asset["type"] as? String ?? "").lowercased()
            let bands = (asset["eo:bands"] as? [[String: Any]]) ?? (asset["bands"] as? [[String: Any]])
            let lowerHref = href.lowercased().split(separator: "?").first.map(String.init) ?? ""
            let isRaster = type.hasPrefix("image/tiff") || type == "image/png" || type.contains("geotiff")
                || bands != nil || [".tif", ".tiff", ".png"].contains(where: { lowerHref.hasSuffix($0) })
            guard isRaster else { continue }
            let local = try Self.resolve(href: href, base: base, itemPath: path)
            let bandRoles: [String?] = (bands ?? []).map { b in
                if let c = b["common_name"] as? String { return BandRole.parse(c) ?? c.lowercased() }
                if let eo = b["eo:common_name"] as? String { return BandRole.parse(eo) ?? eo.lowercased() }
                if let n = b["name"] as? String { return BandRole.parse(n) }
                return nil
            }
            out.append(Asset(key: key, path: local, bandRoles: bandRoles))
        }
        guard !out.isEmpty else { throw fail("no raster assets (GeoTIFF or PNG)") }
        self.assets = out
    }

    static func resolve(href: String, base: URL, itemPath: String) throws -> String {
        if let scheme = href.range(of: "://").map({ String(href[..<$0.lowerBound]).lowercased() }) {
            guard scheme == "file", let u = URL(string: href), !u.path.isEmpty else {
                throw CaptureError.badSTACItem(path: itemPath,
                                               reason: "asset \(href) is remote (\(scheme)://): download it and point the item at local files")
            }
            return u.path
        }
        if href.hasPrefix("/") { return href }
        return base.appendingPathComponent(href.removingPercentEncoding ?? href).standardizedFileURL.path
    }
}

private func url(forFolderOf path: String) -> URL {
    URL(fileURLWithPath: path).deletingLastPathComponent()
}
