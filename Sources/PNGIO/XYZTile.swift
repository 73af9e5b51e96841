import GeoReferencing

/// A Web Mercator map tile named by its path, `…/z/x/y.png` (the XYZ / "slippy map" scheme
/// used by OpenStreetMap and most tile servers: `y` counts down from the north edge).
public struct XYZTile: Hashable, Sendable {
    public var z: Int, x: Int, y: Int

    /// Half the width of the EPSG:3857 square, metres: π × 6 378 137.
    public static let originShift = 20_037_508.342789244

    public init?(z: Int, x: Int, y: Int) {
        guard (0...30).contains(z), x >= 0, y >= 0, x < 1 << z, y < 1 << z else { return nil }
        (self.z, self.x, self.y) = (z, x, y)
    }

    /// The tile a path names, or nil: the last three components must be `z`, `x` and `y.<ext>`,
    /// all plain decimal integers, with `z` in 0…30 and `x`, `y` < 2^z.
    public init?(path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 3 else { return nil }
        let file = parts[parts.count - 1]
        guard let dot = file.firstIndex(of: ".") else { return nil }
        func int(_ s: Substring) -> Int? {
            guard !s.isEmpty, s.count <= 10, s.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
            return Int(s)
        }
        guard let z = int(parts[parts.count - 3]), let x = int(parts[parts.count - 2]), let y = int(file[..<dot]) else {
            return nil
        }
        self.init(z: z, x: x, y: y)
    }

    /// Width (= height) of the tile, EPSG:3857 metres.
    public var span: Double { 2 * Self.originShift / Double(1 << z) }

    /// GDAL-order geotransform of this tile for a `width` × `height` image (corner origin).
    public func geoTransform(width: Int, height: Int) -> GeoTransform {
        let s = span
        return GeoTransform(-Self.originShift + Double(x) * s, s / Double(width), 0,
                            Self.originShift - Double(y) * s, 0, -s / Double(height))
    }

    public var description: String { "\(z)/\(x)/\(y)" }
}
