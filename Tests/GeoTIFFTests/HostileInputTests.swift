import Foundation
import Raster
import RasterIO
import Testing
import TestSupport
@testable import GeoTIFF

/// AFL crash/hang inputs and GDAL's corrupt, huge and excessive-memory files: each must end
/// in a typed error or a read, in-process, never a signal (a crash fails the whole run).
@Suite struct HostileInputTests {
    static let files: [String] = {
        guard let root = SharedData.dataRoot else { return [] }
        var out: [String] = []
        let fuzz = root.appendingPathComponent("image-tiff-tests/tests/fuzz_images")
        if let e = FileManager.default.enumerator(at: fuzz, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let u as URL in e where (try? u.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                out.append(u.path)
            }
        }
        let pattern = ["corrupt", "huge", "excessive", "truncated", "bogus", "invalid", "broken", "buggy", "bad_", "wrong",
                       "not-enough", "too_big", "leak-", "2GB", "many_blocks", "dos_"]
        for f in SharedData.files(under: "gdal-autotest", extensions: ["tif", "tiff"])
        where pattern.contains(where: { f.lowercased().contains($0.lowercased()) }) {
            out.append(f)
        }
        return out.sorted()
    }()

    @Test func hostileFilesPresent() {
        guard SharedData.dataRoot != nil else { print(SharedData.absentMessage); return }
        #expect(Self.files.count > 20)
        #expect(Self.files.contains { $0.hasSuffix("excessive-memory-TIFFFillStrip2.tif") })
    }

    @Test(arguments: files)
    func endsInErrorOrRead(path: String) {
        let ds: GeoTIFFDataset
        do { ds = try GeoTIFFDataset.open(path: path) } catch let e as RasterIOError {
            #expect(!e.description.isEmpty && e.description.contains(path))
            return
        } catch {
            Issue.record("\(path): untyped error \(error)")
            return
        }
        Self.readByWindows(ds)
    }

    /// `excessive-memory-TIFFFillStrip2.tif` makes GDAL 3.6 grind for over a minute; the reader
    /// must refuse it (at open or at its first block) instead of allocating.
    @Test func refusesExcessiveMemoryStrip() throws {
        guard let root = SharedData.dataRoot else { print(SharedData.absentMessage); return }
        let path = root.appendingPathComponent("gdal-autotest/autotest/gcore/data/excessive-memory-TIFFFillStrip2.tif").path
        do {
            let ds = try GeoTIFFDataset.open(path: path)
            #expect(throws: RasterIOError.self) { _ = try ds.read(band: 0, window: Window(width: ds.info.width, height: min(ds.info.height, 64))) }
        } catch let e as RasterIOError {
            #expect(e.description.contains("excessive-memory-TIFFFillStrip2.tif"))
        }
    }

    /// Reads every band by 512×512 windows until the first error; rasters over 64 Mpixel are
    /// sampled (corners, centre and a diagonal) rather than read whole.
    static func readByWindows(_ ds: GeoTIFFDataset) {
        let info = ds.info
        let step = 512
        var windows: [Window] = []
        if info.width * info.height <= 64 << 20 {
            for row in stride(from: 0, to: info.height, by: step) {
                for col in stride(from: 0, to: info.width, by: step) { windows.append(Window(col: col, row: row, width: step, height: step)) }
            }
        } else {
            for i in 0..<8 {
                windows.append(Window(col: (info.width - step) * i / 7, row: (info.height - step) * i / 7, width: step, height: step))
            }
        }
        windows.append(Window(col: -7, row: info.height - 3, width: 20, height: 20))
        for band in 0..<min(info.bands.count, 16) {
            let out = PlaneBuffer(width: step, height: step, sampleType: info.bands[band].sampleType)
            for w in windows {
                let buf = w.width == step && w.height == step ? out : PlaneBuffer(width: w.width, height: w.height, sampleType: out.sampleType)
                do { try ds.read(band: band, window: w, into: buf, valid: nil) } catch { break }
            }
        }
    }
}
