import ArgumentParser
import Foundation
import Report
import Synthesis

extension SyntheticFormat: ExpressibleByArgument {}

/// `alongside synth`: a deterministic synthetic before/after pair with its truth.
struct SynthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a synthetic before/after pair and its truth (deterministic from --seed).",
        discussion: """
            Writes OUTDIR/before.tif and OUTDIR/after.tif (PNG: before.png RGB + before_B08.png NIR, \
            likewise for after), OUTDIR/truth.geojson in the detect output schema, and \
            OUTDIR/scene.geojson labelling every drawn object (for eval --explain). The same seed and \
            options give byte-identical files. See docs/synth.md.
            """)

    @Argument(help: "Output folder (created if missing).") var outdir: String
    @Option(help: "Seed (0 … 2^64−1).") var seed: UInt64
    @Option(help: "Ground resolution, metres per pixel.") var resolution: Double = 10
    @Option(help: "Output format: tif or png.") var format: SyntheticFormat = .tif
    @Option(help: "Size in pixels: N (square) or WxH.") var size: String = "1024"
    @Option(help: "CRS: utm (the zone of the location), EPSG:3857, EPSG:4326 or another projected EPSG code.")
    var crs: String = "utm"
    @Flag(help: "Only content that must not give events (singles, statics, clouds, land changes, illumination, shift).")
    var negative = false
    @Flag(help: "Open water and pairs only: no land, clouds, statics, moving vessels, illumination change or shift.")
    var clean = false
    @Flag(name: .customLong("include-persistent"), help: "List pairs present in both captures as persistent events.")
    var includePersistent = false
    @Option(help: "Bands to write, in order (comma-separated): blue, green, red, nir.")
    var bands: String = "blue,green,red,nir"
    @Option(help: "Content kinds to leave out (comma-separated), e.g. clouds,land,misregistration. See docs/synth.md.")
    var without: String?
    @Option(help: "Scene centre as LON,LAT in degrees (default: an STS anchorage chosen by the seed).")
    var location: String?

    static let contentNames = SceneContent.all.enabledNames

    /// `N` or `WxH`.
    var sizePair: (Int, Int)? {
        let parts = size.lowercased().split(separator: "x").map { Int($0) }
        if parts.count == 1, let n = parts[0] { return (n, n) }
        if parts.count == 2, let w = parts[0], let h = parts[1] { return (w, h) }
        return nil
    }

    var withoutList: [String] {
        (without ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
    }

    var locationValue: LonLat? {
        guard let location else { return nil }
        let p = location.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard p.count == 2, let lon = p[0], let lat = p[1] else { return nil }
        return LonLat(lon: lon, lat: lat)
    }

    var bandList: [String] { bands.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() } }

    func validate() throws {
        guard sizePair != nil else { throw ValidationError("--size: expected N or WxH pixels, got \(size)") }
        for w in withoutList where !Self.contentNames.contains(w) {
            throw ValidationError("--without: unknown content \(w); known: \(Self.contentNames.joined(separator: ", "))")
        }
        if location != nil, locationValue == nil { throw ValidationError("--location: expected LON,LAT, got \(location!)") }
        guard CRSChoice(parsing: crs) != nil else { throw ValidationError("--crs: expected utm or EPSG:code, got \(crs)") }
        guard !(negative && clean) else { throw ValidationError("--negative and --clean exclude each other") }
        let known = Set(SyntheticPair.bandNames)
        guard !bandList.isEmpty, bandList.allSatisfy(known.contains), Set(bandList).count == bandList.count else {
            throw ValidationError("--bands: distinct names among blue, green, red, nir, got \(bands)")
        }
    }

    func run() async throws {
        let (w, h) = sizePair!
        var content: SceneContent = negative ? .negative : (clean ? .clean : .all)
        content.disable(withoutList)
        var spec = SceneSpec(width: w, height: h, resolutionM: resolution, crs: CRSChoice(parsing: crs)!, content: content)
        spec.location = locationValue
        spec.truthIncludesPersistent = includePersistent
        spec.beforeName = "before.\(format.rawValue)"
        spec.afterName = "after.\(format.rawValue)"
        do {
            // One capture in memory at a time: a Sentinel-2 tile (10 980²) fits in ~1 GB.
            let pair = try SceneSynthesizer.plan(seed: seed, spec: spec)
            let files = try SyntheticSceneWriter.write(pair, to: outdir, format: format, bands: bandList)
            print(Self.summary(pair, files: files))
        } catch {
            FileHandle.standardError.write(Data("alongside synth: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    static func summary(_ p: ScenePlan, files: [String]) -> String {
        let gt = p.geoReference.transform
        let counts = p.truth.run?.counts ?? [:]
        var lines: [String] = []
        lines.append("seed \(p.seed): \(p.spec.width)×\(p.spec.height) px, \(String(format: "%.3f", p.layout.metresPerPixel)) m/px, "
            + "\(p.geoReference.crs.description), centre near \(p.locationName)")
        lines.append("geotransform \(gt.gdal.map { String($0) }.joined(separator: ", "))")
        lines.append("before \(ISOTime.format(p.beforeTime)), after \(ISOTime.format(p.afterTime)), "
            + "after shifted by (\(p.layout.shiftX), \(p.layout.shiftY)) px")
        let groups = counts.filter { $0.key.hasPrefix("groups_") }.sorted { $0.key < $1.key }
            .map { "\($0.key.dropFirst(7)) \($0.value)" }.joined(separator: ", ")
        lines.append("groups: \(groups.isEmpty ? "none" : groups); clouds \(counts["clouds"] ?? 0)")
        lines.append("truth: \(p.truth.events.count) events, \(counts["vessels_before"] ?? 0) vessels before, "
            + "\(counts["vessels_after"] ?? 0) after")
        lines.append("wrote " + files.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
