import Foundation
import RasterIO

/// Writes GeoJSON Text Sequences (RFC 8142, `.geojsons`): one feature per record, each
/// record an ASCII RS (0x1E), the feature on one line, and a line feed. Features are
/// the same objects ``GeoJSONWriter`` writes (events first, then vessels); the run
/// description is not part of a sequence.
public enum GeoJSONSeqWriter {
    public static let recordSeparator: UInt8 = 0x1E

    /// The sequence as bytes.
    public static func encode(_ doc: FeatureCollectionDocument) -> Data {
        var out = Data()
        for f in doc.events.map(GeoJSONWriter.feature) + doc.vessels.map(GeoJSONWriter.feature) {
            out.append(recordSeparator)
            out.append(contentsOf: JSONPrinter.compact(f).utf8)
            out.append(0x0A)
        }
        return out
    }

    /// Writes the sequence to `path` atomically.
    public static func write(_ doc: FeatureCollectionDocument, to path: String) throws {
        do {
            try AtomicFile.write(encode(doc), to: path)
        } catch let e as RasterIOError {
            if case .writeFailed(let p, let r) = e { throw ReportError.writeFailed(path: p, reason: r) }
            throw ReportError.writeFailed(path: path, reason: e.description)
        }
    }
}
