import Foundation
import Report

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
    /// Read with Report's parser: object member order is the document's, nesting is limited
    /// (no stack overflow), and each member that is present must have its STAC type.
    public init(json data: Data, path: String) throws {
        func fail(_ reason: String) -> CaptureError { .badSTACItem(path: path, reason: reason) }
        let root: JSONValue
        do { root = try JSONParser.parse(Array(data)) } catch {
            throw fail("invalid JSON at line \(error.line), column \(error.column): \(error.reason)")
        }
        guard root.objectMembers != nil else { throw fail("the top level is not an object") }
        if let t = root["type"], !t.isNull {
            guard let type = t.stringValue else { throw fail("\"type\" is a \(t.typeName), not a string") }
            if type != "Feature" {
                throw fail(type == "FeatureCollection" || type == "Collection" || type == "Catalog"
                           ? "a \(type), not an Item: give one item" : "type is \"\(type)\", not \"Feature\"")
            }
        }
        guard let assets = root["assets"]?.objectMembers else { throw fail("no \"assets\" object") }
        let props = root["properties"] ?? .null
        guard props.isNull || props.objectMembers != nil else { throw fail("\"properties\" is a \(props.typeName), not an object") }
        self.path = path
        self.id = root["id"]?.stringValue ?? (path as NSString).lastPathComponent
        var dt: String?
        for key in ["datetime", "start_datetime"] {
            guard let v = props[key], !v.isNull else { continue }
            guard let s = v.stringValue else { throw fail("properties.\(key) is a \(v.typeName), not an RFC 3339 string") }
            dt = s
            break
        }
        if let dt {
            // RFC 3339 strictly (Report's ISOTime: no calendar normalisation, so 2025-02-30 is
            // refused where Foundation's formatter read 2 March); a bare date as before.
            let strict = ISOTime.parse(dt) ?? (dt.utf8.count == 10 ? CaptureTime.parseISO8601(dt) : nil)
            guard let d = strict else { throw fail("properties.datetime \"\(dt.prefix(60))\" is not RFC 3339") }
            self.datetime = d
        } else {
            self.datetime = nil
        }
        if let e = props["proj:epsg"], !e.isNull {
            guard let code = e.intValue, (1...999_999).contains(code) else {
                throw fail("properties.proj:epsg is not an EPSG code (a positive integer)")
            }
            self.epsg = code
        } else {
            self.epsg = nil
        }

        func strings(_ v: JSONValue?) -> [String] { v?.arrayValue?.compactMap(\.stringValue) ?? [] }
        let base = url(forFolderOf: path)
        var out: [Asset] = []
        for member in assets {
            let key = member.key, asset = member.value
            guard asset.objectMembers != nil else { throw fail("asset \"\(key.prefix(60))\" is a \(asset.typeName), not an object") }
            let roles = strings(asset["roles"])
            if roles.contains("thumbnail") || roles.contains("overview") || roles.contains("metadata") { continue }
            guard let hrefValue = asset["href"], !hrefValue.isNull else { throw fail("asset \"\(key.prefix(60))\" has no \"href\"") }
            guard let href = hrefValue.stringValue else {
                throw fail("asset \"\(key.prefix(60))\": \"href\" is a \(hrefValue.typeName), not a string")
            }
            let type = (asset["type"]?.stringValue ?? "").lowercased()
            let bands = (asset["eo:bands"]?.arrayValue) ?? (asset["bands"]?.arrayValue)
            let lowerHref = href.lowercased().split(separator: "?").first.map(String.init) ?? ""
            let isRaster = type.hasPrefix("image/tiff") || type == "image/png" || type.contains("geotiff")
                || bands != nil || [".tif", ".tiff", ".png"].contains(where: { lowerHref.hasSuffix($0) })
            guard isRaster else { continue }
            guard !href.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("asset \"\(key.prefix(60))\" has an empty href") }
            let local = try Self.resolve(href: href, base: base, itemPath: path)
            let bandRoles: [String?] = (bands ?? []).map { b in
                if let c = b["common_name"]?.stringValue { return BandRole.parse(c) ?? c.lowercased() }
                if let eo = b["eo:common_name"]?.stringValue { return BandRole.parse(eo) ?? eo.lowercased() }
                if let n = b["name"]?.stringValue { return BandRole.parse(n) }
                return nil
            }
            out.append(Asset(key: key, path: local, bandRoles: bandRoles))
        }
        guard !out.isEmpty else { throw fail("no raster assets (GeoTIFF or PNG)") }
        self.assets = out
    }

    static func resolve(href: String, base: URL, itemPath: String) throws -> String {
        if let scheme = href.range(of: "://").map({ String(href[..<$0.lowerBound]).lowercased() }) {
            guard scheme == "file" else {
                throw CaptureError.badSTACItem(path: itemPath,
                                               reason: "asset \(href.prefix(200)) is remote (\(scheme.prefix(20))://): download it and point the item at local files")
            }
            guard let u = URL(string: href), !u.path.isEmpty else {
                throw CaptureError.badSTACItem(path: itemPath, reason: "asset \(href.prefix(200)) has no path")
            }
            if let host = u.host, !host.isEmpty, host != "localhost" {
                throw CaptureError.badSTACItem(path: itemPath, reason: "asset \(href.prefix(200)) is on another host (\(host))")
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
