import Foundation
import RasterIO

extension Capture {
    /// Decoded sizes above this are checked against the file size, bytes (256 MiB).
    public static let decodedSizeCheckThreshold = 256 << 20

    /// Refuses a file whose decoded size is implausible for its length: more than
    /// `limits.maxCompressionRatio` decoded bytes per byte on disk, once the decoded size
    /// exceeds ``decodedSizeCheckThreshold``. Headers alone can claim 10¹⁰ pixels in a few
    /// hundred kilobytes (sparse strips of byte count 0, or every strip pointing at the same
    /// bytes); reading is cheap then, but processing every pixel of such a claim would take
    /// hours. Real imagery compresses far less (Deflate cannot exceed ~1032:1), so the check
    /// only catches hostile or broken headers. Meant for jobs that touch every pixel
    /// (`detect`); `info` reads headers only and does not call it.
    ///
    /// - Throws: ``RasterIOError/tooLarge(path:what:limit:)`` naming the file.
    public func checkDecodedSize(limits: RasterLimits = .default) throws {
        for ds in datasets {
            let info = ds.info
            let sampleBytes = info.bands.reduce(0) { $0 + $1.sampleType.byteCount }
            let (decoded, overflow) = (info.width * info.height).multipliedReportingOverflow(by: sampleBytes)
            guard overflow || decoded > Self.decodedSizeCheckThreshold else { continue }
            let onDisk = (try? FileManager.default.attributesOfItem(atPath: info.path)[.size] as? Int) ?? nil
            guard let onDisk else { continue }
            if overflow || decoded / max(1, onDisk) > limits.maxCompressionRatio {
                throw RasterIOError.tooLarge(
                    path: info.path,
                    what: "decoded size \(info.width)×\(info.height)×\(sampleBytes) bytes from a file of \(onDisk) bytes",
                    limit: "compression ratio \(limits.maxCompressionRatio):1; a header claiming more data than the file can hold")
            }
        }
    }
}
