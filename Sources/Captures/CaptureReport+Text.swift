import Foundation
import GeoReferencing
import RasterIO

extension CaptureReport {
    /// The report as text laid out like `gdalinfo` (same labels where the facts are the
    /// same), with Alongside's lines (CRS summary, georeferencing source, ground metres per
    /// pixel, capture time, band roles). Corner longitudes/latitudes are WGS 84 (gdalinfo
    /// shows them in the CRS's own geographic datum).
    public func text() -> String {
        var out: [String] = []
        out.append("Driver: \(driverShortName)/\(driverLongName)")
        for (i, f) in capture.files.enumerated() { out.append((i == 0 ? "Files: " : "       ") + f) }
        out.append("Size is \(capture.width), \(capture.height)")
        if let crs {
            out.append("Coordinate System is:")
            out.append(wkt ?? crs.definition)
            out.append("Data axis to CRS axis mapping: \(dataAxisToSRSAxisMapping.map(String.init).joined(separator: ","))")
            out.append("CRS: \(crs)")
        }
        if let gt = geoTransform {
            if gt.isNorthUp {
                out.append(String(format: "Origin = (%.15f,%.15f)", gt.c0, gt.c3))
                out.append(String(format: "Pixel Size = (%.15f,%.15f)", gt.c1, gt.c5))
            } else {
                out.append("GeoTransform =")
                out.append("  \(gt.c0), \(gt.c1), \(gt.c2)")
                out.append("  \(gt.c3), \(gt.c4), \(gt.c5)")
            }
        }
        if let s = georeferencingSource { out.append("Georeferencing source: \(s)") }
        for (domain, items) in metadataDomains {
            out.append(domain.isEmpty ? "Metadata:" : domain == "IMAGE_STRUCTURE" ? "Image Structure Metadata:" : "Metadata (\(domain)):")
            for (k, v) in items { out.append("  \(k)=\(v)") }
        }
        out.append("Corner Coordinates:")
        let c = cornerCoordinates
        let geographic = crs?.isGeographic ?? false
        let ll = cornerLonLats
        func line(_ label: String, _ p: MapPoint, _ g: MapPoint?) -> String {
            let xy = geographic ? String(format: "(%12.7f,%12.7f)", p.x, p.y) : String(format: "(%12.3f,%12.3f)", p.x, p.y)
            let padded = label.padding(toLength: 12, withPad: " ", startingAt: 0)
            guard let g else { return padded + xy }
            return padded + xy + " (" + Self.dms(g.x, positive: "E", negative: "W") + ", " + Self.dms(g.y, positive: "N", negative: "S") + ")"
        }
        out.append(line("Upper Left", c.upperLeft, ll?.upperLeft))
        out.append(line("Lower Left", c.lowerLeft, ll?.lowerLeft))
        out.append(line("Upper Right", c.upperRight, ll?.upperRight))
        out.append(line("Lower Right", c.lowerRight, ll?.lowerRight))
        out.append(line("Center", c.center, ll?.center))
        if let ll {
            out.append(String(format: "Center (WGS 84 lon, lat) = (%.7f, %.7f)", ll.center.x, ll.center.y))
        }
        if let s = groundPixelSize {
            out.append(String(format: "Ground metres per pixel at center = %.3f x %.3f (mean %.3f)", s.x, s.y, (s.x * s.y).squareRoot()))
        }
        if let t = capture.captureTime {
            out.append("Capture time: \(CaptureTime.format(t)) (\(capture.captureTimeSource?.rawValue ?? "?"))")
        } else {
            out.append("Capture time: unknown")
        }
        for (i, b) in capture.bands.enumerated() {
            let info = b.info
            out.append("Band \(i + 1) Block=\(info.blockWidth)x\(info.blockHeight) Type=\(Self.gdalTypeName(info.sampleType)), ColorInterp=\(info.colorInterpretation.rawValue)")
            if !info.description.isEmpty { out.append("  Description = \(info.description)") }
            if capture.kind != .raster { out.append("  File = \(b.file)") }
            if let r = info.role { out.append("  Role = \(r) (\(b.roleSource ?? "?"))") }
            if let sums = checksums { out.append("  Checksum=\(sums[i])") }
            if let nd = info.noData { out.append("  NoData Value=\(Self.noDataText(nd))") }
            if let pal = info.palette {
                out.append("  Color Table (RGB with \(pal.count) entries)")
                for (k, e) in pal.enumerated() { out.append("    \(k): \(e.r),\(e.g),\(e.b),\(e.a)") }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A nodata value as gdalinfo prints it (`%.18g`, "nan" for NaN).
    static func noDataText(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        return String(format: "%.18g", v)
    }

    /// Degrees as GDAL's `GDALDecToDMS(…, 2)`: `117d38'28.21"W` (degrees 3 wide for
    /// longitudes, 2 for latitudes).
    static func dms(_ value: Double, positive: String, negative: String) -> String {
        guard value.isFinite else { return "?" }
        let hemisphere = value < 0 ? negative : positive
        let a = abs(value) + 0.5 * 0.01 / 3600  // round the seconds to 2 decimals
        var d = Int(a)
        var m = Int((a - Double(d)) * 60)
        var s = a * 3600 - Double(d) * 3600 - Double(m) * 60 - 0.5 * 0.01
        if s < 0 { s = 0 }
        if m >= 60 { m -= 60; d += 1 }
        let degrees = positive == "E" ? String(format: "%3d", d) : String(format: "%2d", d)
        return degrees + String(format: "d%2d'%5.2f\"", m, s) + hemisphere
    }
}
