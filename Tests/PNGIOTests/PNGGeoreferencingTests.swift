import Foundation
import GeoReferencing
import PNGIO
import Raster
import RasterIO
import Testing
import TestSupport

@Suite struct PNGGeoreferencingTests {
    /// Writes a small PNG (no sidecars) at `dir/name`.
    func image(_ dir: TemporaryDirectory, _ name: String, width: Int = 20, height: Int = 10) throws -> String {
        let path = dir.path(name)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try PNGWriter.write(path: path, bands: seededPlanes(count: 1, width: width, height: height, type: .uint8, seed: 11))
        return path
    }

    func write(_ text: String, _ path: String) throws { try text.write(toFile: path, atomically: true, encoding: .utf8) }

    func expectClose(_ a: GeoTransform?, _ b: [Double]?, _ note: String = "") {
        guard let a, let b, b.count == 6 else { Issue.record("missing geotransform: \(String(describing: a)) vs \(String(describing: b)) \(note)"); return }
        for (x, y) in zip(a.gdal, b) { #expect(abs(x - y) <= 1e-9 * max(1, abs(x)), "\(a.gdal) vs \(b) \(note)") }
    }

    // World file: centre of the top-left pixel (C, F) → corner origin, rotation terms kept.
    static let worldFiles: [(name: String, text: String)] = [
        ("geo.pgw", "10\n0\n0\n-10\n500005\n4999995\n"),
        ("geo.pngw", "0.5\n0.1\n0.2\n-0.5\n1000.25\n2000.25\n"),
        ("geo.wld", "  30.0 \r\n 0 \r\n0\r\n-30.0\r\n 300015 \r\n5000085\r\n"),
        ("geo.PGW", "2\n0\n0\n-2\n1\n-1\n"),
        ("geo.pgw", "\n1.5e1 ; x pixel size\n0.0\n\n0.0\n-15 y\n600007.5\n5699992.5\nextra line\n"),
    ]

    @Test("world files: same geotransform as gdalinfo, CRS from the .aux.xml", arguments: 0..<worldFiles.count)
    func worldFile(index: Int) throws {
        let (name, text) = Self.worldFiles[index]
        let dir = try TemporaryDirectory()
        let path = try image(dir, "geo.png")
        try write(text, dir.path(name))
        try AuxXML(srs: try CRS(epsg: 32631).wkt).write(path: dir.path("geo.png.aux.xml"))
        let ds = try PNGDataset.open(path: path)
        #expect(ds.info.crs?.epsg == 32631)
        #expect(ds.info.georeferencingSource == "world file \(name), CRS from geo.png.aux.xml")
        #expect(ds.info.files.contains(dir.path(name)))
        let w = try WorldFile(text: text, path: name)
        #expect(ds.info.geoTransform == w.geoTransform)
        #expect(ds.info.geoTransform?.c0 == w.c - 0.5 * w.a - 0.5 * w.b)
        guard GDALReference.available, let ref = try GDALReference.info(path, checksum: false) else { return }
        expectClose(ds.info.geoTransform, ref.geoTransform, name)
        #expect(try ref.wkt.map { try CRS(definition: $0).epsg } == 32631)
    }

    @Test(".pgw wins over .wld, as in GDAL")
    func worldFileOrder() throws {
        let dir = try TemporaryDirectory()
        let path = try image(dir, "o.png")
        try write("1\n0\n0\n-1\n0.5\n-0.5\n", dir.path("o.wld"))
        try write("4\n0\n0\n-4\n2\n-2\n", dir.path("o.pgw"))
        let ds = try PNGDataset.open(path: path)
        #expect(ds.info.geoTransform?.c1 == 4)
        guard GDALReference.available, let ref = try GDALReference.info(path, checksum: false) else { return }
        expectClose(ds.info.geoTransform, ref.geoTransform)
    }

    @Test("CRS from a .prj (ESRI WKT) when there is no .aux.xml")
    func prjFile() throws {
        let dir = try TemporaryDirectory()
        let path = try image(dir, "p.png")
        try write("10\n0\n0\n-10\n5\n-5\n", dir.path("p.pgw"))
        try write("""
            PROJCS["WGS_1984_UTM_Zone_31N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",3.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]
            """, dir.path("p.prj"))
        let ds = try PNGDataset.open(path: path)
        let crs = try #require(ds.info.crs)
        #expect(crs.name == "WGS 84 / UTM zone 31N")
        #expect(!crs.isGeographic)
        #expect(ds.info.georeferencingSource == "world file p.pgw, CRS from p.prj")
        #expect(ds.info.geoTransform == GeoTransform(0, 10, 0, 0, 0, -10))
    }

    @Test("the command-line CRS overrides the sidecars")
    func override() throws {
        let dir = try TemporaryDirectory()
        let path = try image(dir, "c.png")
        try write("10\n0\n0\n-10\n5\n-5\n", dir.path("c.pgw"))
        try write("<PAMDataset><SRS>EPSG:4326</SRS></PAMDataset>", dir.path("c.png.aux.xml"))
        let ds = try PNGDataset.open(path: path, crsOverride: try CRS(epsg: 32633))
        #expect(ds.info.crs?.epsg == 32633)
        #expect(ds.info.georeferencingSource == "world file c.pgw, CRS from the command line")
        let plain = try PNGDataset.open(path: path)
        #expect(plain.info.crs?.epsg == 4326)
    }

    @Test("a <GeoTransform> in the .aux.xml is used when there is no world file (GDAL's PAM fallback)")
    func auxGeoTransform() throws {
        let dir = try TemporaryDirectory()
        let path = try image(dir, "a.png")
        let gt = GeoTransform(440_720, 60, 0, 3_751_320, 0, -60)
        try AuxXML(srs: try CRS(epsg: 26711).wkt, geoTransform: gt).write(path: dir.path("a.png.aux.xml"))
        let ds = try PNGDataset.open(path: path)
        #expect(ds.info.geoTransform == gt)
        #expect(ds.info.crs?.epsg == 26711)
        #expect(ds.info.georeferencingSource == "GeoTransform in a.png.aux.xml, CRS from a.png.aux.xml")
        guard GDALReference.available, let ref = try GDALReference.info(path, checksum: false) else { return }
        expectClose(ds.info.geoTransform, ref.geoTransform)
        #expect(try ref.wkt.map { try CRS(definition: $0).epsg } == 26711)
    }

    @Test("PNGs georeferenced by gdal_translate (PAM .aux.xml, or WORLDFILE=YES) read as gdalinfo reads them",
          arguments: [false, true])
    func gdalMadePNG(worldFile: Bool) throws {
        guard GDALReference.available else { return }
        let dir = try TemporaryDirectory()
        let src = try image(dir, "src.png", width: 32, height: 16)
        let out = dir.path("gdal.png")
        var args = ["-q", "-of", "PNG"]
        args += worldFile ? ["-co", "WORLDFILE=YES", "-a_srs", "EPSG:4326", "-a_ullr", "2", "50", "3", "49.5"]
            : ["-a_srs", "EPSG:32631", "-a_ullr", "500000", "5000000", "500320", "4999840"]
        let run = try ToolRun.run("gdal_translate", args + [src, out])
        try #require(run.status == 0, "\(run.stderr)")
        let ds = try PNGDataset.open(path: out)
        let ref = try #require(try GDALReference.info(out, checksum: false))
        expectClose(ds.info.geoTransform, ref.geoTransform)
        #expect(try ref.wkt.map { try CRS(definition: $0).epsg } == ds.info.crs?.epsg)
        #expect(ds.info.crs?.epsg == (worldFile ? 4326 : 32631))
        #expect(ds.info.georeferencingSource == (worldFile ? "world file gdal.wld, CRS from gdal.png.aux.xml"
            : "GeoTransform in gdal.png.aux.xml, CRS from gdal.png.aux.xml"))
    }

    @Test("XYZ tile paths give the EPSG:3857 tile", arguments: [(0, 0, 0, 256), (1, 1, 0, 256), (3, 4, 2, 512), (12, 2106, 1362, 256)])
    func xyz(z: Int, x: Int, y: Int, size: Int) throws {
        let dir = try TemporaryDirectory()
        let path = try image(dir, "tiles/\(z)/\(x)/\(y).png", width: size, height: size)
        let ds = try PNGDataset.open(path: path)
        #expect(ds.info.crs?.epsg == 3857)
        #expect(ds.info.georeferencingSource == "XYZ tile path \(z)/\(x)/\(y)")
        let gt = try #require(ds.info.geoTransform)
        // Corners from the tile formula in degrees, projected by the spherical Mercator equations.
        let n = Double(1 << z), r = 6_378_137.0
        let lonWest = Double(x) / n * 360 - 180
        let latNorth = atan(sinh(Double.pi * (1 - 2 * Double(y) / n))) * 180 / .pi
        let mx = r * lonWest * .pi / 180
        let my = r * log(tan(.pi / 4 + latNorth * .pi / 360))
        #expect(abs(gt.c0 - mx) < 1e-6 && abs(gt.c3 - my) < 1e-6, "\(gt) vs (\(mx), \(my))")
        let span = 2 * Double.pi * r / n
        #expect(abs(gt.c1 - span / Double(size)) < 1e-9 && abs(gt.c5 + span / Double(size)) < 1e-9)
        #expect(gt.c2 == 0 && gt.c4 == 0)
    }

    @Test("not XYZ tile paths", arguments: ["a/b/c.png", "3/8/1.png", "3/1/8.png", "31/0/0.png", "x/0/0/0b.png", "0/0.png", "1/-1/0.png"])
    func notXYZ(path: String) {
        #expect(XYZTile(path: path) == nil)
    }

    @Test("a non-square image at a z/x/y path is not a tile")
    func nonSquareTile() throws {
        let dir = try TemporaryDirectory()
        let path = try image(dir, "5/3/4.png", width: 256, height: 128)
        let ds = try PNGDataset.open(path: path)
        #expect(ds.info.geoTransform == nil && ds.info.crs == nil)
    }

    @Test("a world file wins over the tile path")
    func worldFileBeatsXYZ() throws {
        let dir = try TemporaryDirectory()
        let path = try image(dir, "2/1/1.png", width: 16, height: 16)
        try write("1\n0\n0\n-1\n0.5\n-0.5\n", dir.path("2/1/1.pgw"))
        let ds = try PNGDataset.open(path: path)
        #expect(ds.info.geoTransform == GeoTransform(0, 1, 0, 0, 0, -1))
        #expect(ds.info.crs == nil)
        #expect(ds.info.georeferencingSource == "world file 1.pgw, no CRS")
    }

    @Test("broken sidecars are refused, naming the sidecar", arguments: [
        ("b.pgw", "10\n0\n0\n-10\n5\n"),
        ("b.pgw", "10\n0\n0\nminus ten\n5\n-5\n"),
        ("b.pgw", "0\n0\n0\n0\n5\n-5\n"),
        ("b.png.aux.xml", "<PAMDataset><SRS>not a CRS at all</SRS></PAMDataset>"),
        ("b.png.aux.xml", "<PAMDataset><GeoTransform>1, 2, 3</GeoTransform></PAMDataset>"),
        ("b.prj", "PROJCS[garbage"),
    ])
    func brokenSidecars(name: String, text: String) throws {
        let dir = try TemporaryDirectory()
        let path = try image(dir, "b.png")
        try write(text, dir.path(name))
        do {
            _ = try PNGDataset.open(path: path)
            Issue.record("broken \(name) accepted")
        } catch let e as RasterIOError {
            #expect(e.description.hasPrefix(dir.path(name) + ": georeferencing: "), "\(e)")
        }
    }

    @Test("world file text round-trips exactly and GDAL reads what WorldFile writes")
    func worldFileRoundTrip() throws {
        let gt = GeoTransform(123_456.789012345, 0.30000000000000004, 1e-7, 9_876_543.21, -2.5e-8, -0.30000000000000004)
        let w = WorldFile(geoTransform: gt)
        let back = try WorldFile(text: w.text, path: "x.pgw")
        #expect(back == w)
        let g2 = back.geoTransform
        for (a, b) in zip(gt.gdal, g2.gdal) { #expect(abs(a - b) <= 1e-9 * max(1, abs(a))) }
    }

    @Test("AuxXML escapes and unescapes, ignores band-level elements")
    func auxXML() throws {
        let aux = AuxXML(srs: "A<&>\"B", geoTransform: GeoTransform(1, 2, 3, 4, 5, 6))
        #expect(try AuxXML(text: aux.text, path: "t") == aux)
        let text = """
            <PAMDataset>
              <PAMRasterBand band="1"><SRS>EPSG:4326</SRS></PAMRasterBand>
              <SRS dataAxisToSRSAxisMapping="1,2">EPSG:&#51;2631</SRS>
            </PAMDataset>
            """
        #expect(try AuxXML(text: text, path: "t").srs == "EPSG:32631")
        #expect(throws: RasterIOError.self) { try AuxXML(text: "<html></html>", path: "t") }
    }
}
