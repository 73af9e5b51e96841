import Foundation
import Testing
import TestSupport

/// Every bad input to `detect`, `info` and `eval` (missing, empty, truncated, mislabelled,
/// huge, hostile, mismatched, unwritable, invalid options) must end the built binary with a
/// non-zero exit status (not a signal, not our deadline), exactly one line on stderr naming
/// the file (or option) and the reason, and nothing at `-o`: no file when there was none, the
/// old bytes when there was one, and no stray temporary file beside it. See docs/errors.md.
@Suite(.serialized) struct BadInputTests {
    static var fx: BadInputFixtures { BadInputFixtures.shared }
    /// Per-run deadline, seconds (a debug build fails on bad input in well under a second).
    static let deadline = 30.0

    /// One bad-input case: the arguments after the subcommand, and what stderr must mention.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var arguments: [String]
        /// Text stderr must contain (the file's path as given, or the option).
        var mentions: [String]
        var testDescription: String { name }
    }

    /// Runs `alongside args`, returns the process and checks the failure contract.
    @discardableResult
    static func expectCleanFailure(_ args: [String], mentions: [String], usage: Bool = false,
                                   sourceLocation: SourceLocation = #_sourceLocation) throws -> InfoProcess {
        let r = try InfoProcess.run(ToolRun.alongsideBinary, args, deadline: deadline)
        let what = "alongside \(args.joined(separator: " "))"
        #expect(!r.timedOut, "\(what): did not end within \(deadline) s", sourceLocation: sourceLocation)
        #expect(!r.signalled && r.status < 128, "\(what): killed by signal \(r.status)", sourceLocation: sourceLocation)
        #expect(r.status != 0, "\(what): exit 0 on bad input", sourceLocation: sourceLocation)
        if usage {
            #expect(r.status == 64, "\(what): usage error should exit 64 (EX_USAGE), got \(r.status): \(r.stderr)",
                    sourceLocation: sourceLocation)
            for m in mentions {
                #expect(r.stderr.contains(m), "\(what): stderr should name \(m): \(r.stderr)", sourceLocation: sourceLocation)
            }
            return r
        }
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "\(what): stderr should be one line, got \(lines.count):\n\(r.stderr)",
                sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("alongside"), "\(what): \(r.stderr)", sourceLocation: sourceLocation)
        for m in mentions {
            #expect(r.stderr.contains(m), "\(what): stderr should name \(m): \(r.stderr)", sourceLocation: sourceLocation)
        }
        return r
    }

    /// `detect … -o OUT` twice: with no OUT (none must appear) and with an old OUT (it must stay
    /// byte-identical); no other file may appear in OUT's folder either time.
    static func expectDetectFailure(_ c: Case, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = fx.path("out-\(c.name.filter { $0.isLetter || $0.isNumber })")
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = folder + "/candidates.geojson"
        try expectCleanFailure(["detect"] + c.arguments + ["-o", out], mentions: c.mentions, sourceLocation: sourceLocation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty,
                "\(c.name): something was written beside -o", sourceLocation: sourceLocation)
        let old = Data("{\"old\": true}\n".utf8)
        FileManager.default.createFile(atPath: out, contents: old)
        try expectCleanFailure(["detect"] + c.arguments + ["-o", out], mentions: c.mentions, sourceLocation: sourceLocation)
        #expect(FileManager.default.contents(atPath: out) == old, "\(c.name): the old -o file changed",
                sourceLocation: sourceLocation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["candidates.geojson"],
                "\(c.name): a temporary file was left beside -o", sourceLocation: sourceLocation)
    }

    // MARK: Unreadable single files (detect SCENE, info)

    static var unreadableFiles: [Case] {
        let f = fx
        var cases: [Case] = [
            Case(name: "missing", arguments: [f.path("no-such-file.tif")], mentions: [f.path("no-such-file.tif")]),
            Case(name: "empty tif", arguments: [f.path("empty.tif")], mentions: [f.path("empty.tif")]),
            Case(name: "empty png", arguments: [f.path("empty.png")], mentions: [f.path("empty.png")]),
            Case(name: "jpeg named tif", arguments: [f.path("jpeg.tif")], mentions: [f.path("jpeg.tif")]),
            Case(name: "gif named png", arguments: [f.path("gif.png")], mentions: [f.path("gif.png")]),
            Case(name: "text named tif", arguments: [f.path("text.tif")], mentions: [f.path("text.tif")]),
            Case(name: "text named png", arguments: [f.path("text.png")], mentions: [f.path("text.png")]),
            Case(name: "huge tif", arguments: [f.path("huge.tif"), "--crs", "EPSG:32631"],
                 mentions: [f.path("huge.tif"), "exceeds the limit"]),
            Case(name: "huge png", arguments: [f.path("huge.png"), "--crs", "EPSG:32631"],
                 mentions: [f.path("huge.png"), "exceeds the limit"]),
            Case(name: "folder", arguments: [f.dir], mentions: [f.dir]),
            Case(name: "stac bad json", arguments: [f.path("badjson.stac.json")], mentions: [f.path("badjson.stac.json")]),
            Case(name: "stac missing asset", arguments: [f.path("missing-asset.stac.json")], mentions: ["no-such-band.tif"]),
        ]
        let files = (try? FileManager.default.contentsOfDirectory(atPath: f.dir)) ?? []
        for name in files.sorted() where name.hasPrefix("trunc-") && (name.hasSuffix(".tif") || name.hasSuffix(".png")) {
            cases.append(Case(name: name, arguments: [f.path(name)], mentions: [f.path(name)]))
        }
        return cases
    }

    @Test func fixturesAreMade() {
        #expect(Self.fx.problem == nil, "\(Self.fx.problem ?? "")")
        #expect(Self.unreadableFiles.filter { $0.name.hasPrefix("trunc-") }.count >= 8)
    }

    @Test(arguments: unreadableFiles)
    func detectRefusesUnreadableScene(_ c: Case) throws {
        try #require(Self.fx.problem == nil)
        try Self.expectDetectFailure(c)
    }

    @Test(arguments: unreadableFiles)
    func infoRefusesUnreadableFile(_ c: Case) throws {
        try #require(Self.fx.problem == nil)
        // info reads every pixel with --checksum: corrupt data must fail, not just the header.
        try Self.expectCleanFailure(["info", "--checksum"] + c.arguments, mentions: c.mentions)
    }

    /// The band list `before.png,before_B08.png` with `before.png` (the bands detection uses)
    /// truncated in its pixel data (the PNG cut at two thirds).
    @Test func detectRefusesTruncatedBandInList() throws {
        try #require(Self.fx.problem == nil)
        let cuts = Self.unreadableFiles.filter { $0.name.hasPrefix("trunc-") && $0.name.hasSuffix(".png") }
        let cut = try #require(cuts.max { Int($0.name.filter(\.isNumber))! < Int($1.name.filter(\.isNumber))! })
        let list = "\(cut.arguments[0]),\(Self.fx.path("png/before_B08.png"))"
        try Self.expectDetectFailure(Case(name: "trunc band", arguments: [list], mentions: [cut.arguments[0]]))
    }

    // MARK: Hostile files from ../shared/data

    /// A deterministic sample of the fuzzers' and test suites' corrupt files (every k-th, sorted).
    static var hostileFiles: [String] {
        guard SharedData.dataRoot != nil else { return [] }
        func every(_ k: Int, _ xs: [String]) -> [String] { xs.enumerated().filter { $0.offset % k == 0 }.map(\.element) }
        let fuzz = SharedData.files(under: "image-tiff-tests/tests/fuzz_images", extensions: ["tif", "tiff", ""])
        let gdal = SharedData.files(under: "gdal-autotest", extensions: ["tif", "png"]).filter {
            let n = ($0 as NSString).lastPathComponent.lowercased()
            return ["corrupt", "truncat", "invalid", "bad_offset"].contains { n.contains($0) }
        }
        let suite = SharedData.files(under: "pngsuite/png", extensions: ["png"]).filter {
            ($0 as NSString).lastPathComponent.hasPrefix("x")
        }
        let crashers = SharedData.files(under: "libpng-contrib/contrib/testpngs/badpal", extensions: ["png"])
        return every(6, fuzz) + gdal + every(2, suite) + every(3, crashers)
    }

    /// The fuzzers' files are named like `id=000033,src=000525+000106,op=splice`: a comma makes a
    /// band-file list on the command line, so they are linked under a plain name first.
    static func plainName(_ file: String) -> String {
        guard file.contains(",") else { return file }
        let parts = file.split(separator: "/").suffix(2).joined(separator: "-")
        let link = fx.path("hostile-" + String(parts.map { $0.isLetter || $0.isNumber ? $0 : "_" }) + ".tif")
        try? FileManager.default.removeItem(atPath: link)
        try? FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
        return link
    }

    @Test func sharedDataHasHostileFiles() throws {
        guard SharedData.dataRoot != nil else {
            print(SharedData.absentMessage)
            return
        }
        #expect(Self.hostileFiles.count >= 30, "\(Self.hostileFiles.count) hostile files sampled")
    }

    /// Detect on a hostile file as SCENE: never a crash or hang. Most fail (corrupt, or no
    /// georeferencing); a failure is one line naming the file and writes nothing. A few are only
    /// odd and readable (GDAL reads them too): then the run completes and writes its output.
    @Test(arguments: hostileFiles)
    func detectSurvivesHostileFile(_ original: String) throws {
        let file = Self.plainName(original)
        let out = Self.fx.path("hostile-\(abs(original.utf8.reduce(5381) { ($0 &* 33) &+ Int($1) })).geojson")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try InfoProcess.run(ToolRun.alongsideBinary, ["detect", file, "-o", out], deadline: Self.deadline)
        let name = SharedData.relative(original)
        #expect(!r.timedOut && !r.signalled && r.status < 128, "\(name): status \(r.status) \(r.stderr)")
        if r.status == 0 {
            #expect(FileManager.default.fileExists(atPath: out), "\(name): exit 0 without output")
        } else {
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains(file), "\(name): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(name): output written by a failed run")
        }
    }

    /// info --checksum reads every pixel: it may succeed (a file that is only odd), but must not
    /// crash or hang, and a failure is one line naming the file.
    @Test(arguments: hostileFiles)
    func infoChecksumSurvivesHostileFile(_ original: String) throws {
        let file = Self.plainName(original)
        let r = try InfoProcess.run(ToolRun.alongsideBinary, ["info", "--checksum", file], deadline: Self.deadline)
        #expect(!r.timedOut && !r.signalled && r.status < 128, "\(SharedData.relative(file)): status \(r.status) \(r.stderr)")
        if r.status != 0 {
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains(file), "\(r.stderr)")
        }
    }

    // MARK: Mismatched captures

    static var mismatched: [Case] {
        let f = fx
        let tifB = f.path("tif/before.tif"), tifA = f.path("tif/after.tif")
        return [
            // Detect touches every pixel: a 30 KB file claiming 60 000² px is refused up front
            // (info --checksum reads it, sparse strips are zeros, as GDAL does).
            Case(name: "sparse 60000² tif of 30 KB", arguments: [f.path("sparse.tif"), "--crs", "EPSG:32631"],
                 mentions: [f.path("sparse.tif"), "compression ratio"]),
            Case(name: "different CRS", arguments: [f.path("merc/before.tif"), tifA], mentions: ["gdalwarp"]),
            Case(name: "different resolution", arguments: [f.path("res20/before.tif"), tifA], mentions: [tifA]),
            Case(name: "no overlap", arguments: [f.path("far/before.tif"), tifA], mentions: [tifA]),
            Case(name: "no georeferencing", arguments: [tifB, "\(f.path("nogeo.png"))"], mentions: [f.path("nogeo.png")]),
            Case(name: "band files of different sizes",
                 arguments: ["\(f.path("png/before.png")),\(f.path("png128/before_B08.png"))"],
                 mentions: [f.path("png128/before_B08.png")]),
            Case(name: "bands role past the last band", arguments: [tifB, tifA, "--bands", "nir=9"], mentions: ["--bands"]),
            Case(name: "bands bad syntax", arguments: [tifB, "--bands", "nir"], mentions: ["--bands"]),
            Case(name: "land mask truncated", arguments: [tifB, "--land-mask", f.path("truncated.geojson")],
                 mentions: [f.path("truncated.geojson")]),
            Case(name: "land mask missing", arguments: [tifB, "--land-mask", f.path("none.geojson")],
                 mentions: [f.path("none.geojson")]),
            Case(name: "land mask neither GeoJSON nor raster", arguments: [tifB, "--land-mask", f.path("text.tif")],
                 mentions: [f.path("text.tif")]),
            Case(name: "raster land mask without georeferencing", arguments: [tifB, "--land-mask", f.path("nogeo.png")],
                 mentions: [f.path("nogeo.png"), "georeferenced"]),
            Case(name: "bad time", arguments: [tifB, "--after-time", "yesterday"], mentions: ["--after-time"]),
            Case(name: "bad crs", arguments: [tifB, "--crs", "garbage"], mentions: ["--crs"]),
            Case(name: "unwritable output folder", arguments: [tifB], mentions: []),
        ]
    }

    @Test(arguments: mismatched)
    func detectRefusesMismatch(_ c: Case) throws {
        try #require(Self.fx.problem == nil)
        if c.name == "unwritable output folder" {
            // -o under a regular file: cannot be created (whoever runs the tests, root too).
            let out = Self.fx.path("not-a-folder/candidates.geojson")
            try Self.expectCleanFailure(["detect"] + c.arguments + ["-o", out], mentions: [out, "Not a directory"])
            #expect(FileManager.default.contents(atPath: Self.fx.path("not-a-folder")) == Data("x\n".utf8))
            return
        }
        try Self.expectDetectFailure(c)
    }

    @Test func infoRefusesBandFilesOfDifferentSizes() throws {
        try #require(Self.fx.problem == nil)
        let other = Self.fx.path("png128/before_B08.png")
        try Self.expectCleanFailure(["info", Self.fx.path("png/before.png"), other], mentions: [other])
    }

    @Test func infoRefusesBandPastTheLast() throws {
        try #require(Self.fx.problem == nil)
        try Self.expectCleanFailure(["info", Self.fx.path("tif/before.tif"), "--bands", "nir=9"], mentions: ["--bands"])
    }

    // MARK: Invalid options

    /// Values the options' parsers accept but the run refuses (negative values need `=`: a bare
    /// `-5` reads as an option name, a usage error, tested below).
    static let invalidOptions: [[String]] = [
        ["--min-length=-5"],
        ["--max-length=-1"],
        ["--min-length", "300", "--max-length", "100"],
        ["--max-gap=-10"],
        ["--window-size", "0"],
        ["--cfar-k=-1"],
        ["--threads=-2"],
    ]

    /// Invalid option values are usage errors (exit 64, checked in `validate()` before any file is
    /// opened) whose message names the option; nothing is written.
    @Test(arguments: invalidOptions)
    func detectRefusesInvalidOption(_ options: [String]) throws {
        try #require(Self.fx.problem == nil)
        let out = Self.fx.path("options-out.geojson")
        let option = String(options[options.count > 2 ? 2 : 0].prefix { $0 != "=" })
        try Self.expectCleanFailure(["detect", Self.fx.path("tif/before.tif"), "-o", out] + options, mentions: [option],
                                    usage: true)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Regression: `detect scene.tif -o scene.tif` overwrote the input raster with GeoJSON and exited 0.
    @Test func detectRefusesToOverwriteAnInput() throws {
        try #require(Self.fx.problem == nil)
        let src = Self.fx.path("tif/before.tif")
        let copy = Self.fx.path("overwrite-me.tif")
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: src, toPath: copy)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        let original = try Data(contentsOf: URL(fileURLWithPath: copy))
        try Self.expectCleanFailure(["detect", copy, "-o", copy], mentions: ["overwrite"], usage: true)
        try Self.expectCleanFailure(["detect", src, copy, "-o", Self.fx.path("./overwrite-me.tif")], mentions: ["overwrite"],
                                    usage: true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == original, "the input must be unchanged")
    }

    /// What ArgumentParser refuses itself exits 64 (EX_USAGE).
    @Test(arguments: [["--min-length", "-5"], ["--max-gap", "ten"], ["--no-such-option"], []])
    func detectUsageError(_ options: [String]) throws {
        try #require(Self.fx.problem == nil)
        let out = Self.fx.path("usage-out.geojson")
        let captures = options.isEmpty ? [] : [Self.fx.path("tif/before.tif")]
        try Self.expectCleanFailure(["detect"] + captures + ["-o", out] + options, mentions: [], usage: true)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func detectNeedsOneOrTwoCaptures() throws {
        try #require(Self.fx.problem == nil)
        let t = Self.fx.path("tif/before.tif")
        try Self.expectCleanFailure(["detect", t, t, t, "-o", Self.fx.path("three.geojson")], mentions: [], usage: true)
    }

    // MARK: eval

    static var evalCases: [Case] {
        let f = fx
        let truth = f.path("tif/truth.geojson")
        return [
            Case(name: "missing candidates", arguments: ["--truth", truth, f.path("none.geojson")], mentions: [f.path("none.geojson")]),
            Case(name: "missing truth", arguments: ["--truth", f.path("none.geojson"), truth], mentions: [f.path("none.geojson")]),
            Case(name: "empty candidates", arguments: ["--truth", truth, f.path("empty.tif")], mentions: [f.path("empty.tif")]),
            Case(name: "truncated candidates", arguments: ["--truth", truth, f.path("truncated.geojson")],
                 mentions: [f.path("truncated.geojson")]),
            Case(name: "raster as candidates", arguments: ["--truth", truth, f.path("tif/before.tif")],
                 mentions: [f.path("tif/before.tif")]),
            Case(name: "wrong JSON as truth", arguments: ["--truth", f.path("badjson.stac.json"), truth],
                 mentions: [f.path("badjson.stac.json")]),
        ]
    }

    @Test(arguments: evalCases)
    func evalRefusesBadFile(_ c: Case) throws {
        try #require(Self.fx.problem == nil)
        try Self.expectCleanFailure(["eval"] + c.arguments, mentions: c.mentions)
    }

    @Test func evalRefusesNegativeTolerance() throws {
        try #require(Self.fx.problem == nil)
        let truth = Self.fx.path("tif/truth.geojson")
        try Self.expectCleanFailure(["eval", "--truth", truth, truth, "--tolerance-m", "-1"], mentions: [], usage: true)
    }

    // MARK: A completed run exits 0

    /// The positive control: the same fixtures are accepted, and a run with zero candidates exits 0.
    @Test func validRunSucceedsEvenWithZeroCandidates() throws {
        try #require(Self.fx.problem == nil)
        let out = Self.fx.path("ok.geojson")
        defer { try? FileManager.default.removeItem(atPath: out) }
        // No hull can be 1 km long: the run completes with zero candidates.
        let r = try InfoProcess.run(ToolRun.alongsideBinary,
                                    ["detect", Self.fx.path("tif/before.tif"), Self.fx.path("tif/after.tif"), "-o", out,
                                     "--min-length", "1000", "--max-length", "2000"], deadline: 120)
        #expect(r.status == 0 && !r.signalled, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
        #expect((doc?["features"] as? [Any])?.isEmpty == true)
    }
}
