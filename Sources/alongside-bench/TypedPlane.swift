import Detection
import Raster

/// Runs the Detection conversions on a window of a decoded plane of any sample type.
enum TypedPlane {
    /// Validity (finite and ≠ `nodata`) and Float values (NaN where invalid) of `window` of `src`.
    static func convert(_ src: PlaneBuffer, window w: Window, nodata: Double?, valid: PlaneView<UInt8>,
                        into dst: PlaneView<Float>) {
        func run<T: RasterSample>(_ t: T.Type) {
            let v = src.view(as: T.self).window(w)
            Conversion.validMask(v, nodata: nodata, into: valid)
            Conversion.toFloat(v, mask: valid, into: dst)
        }
        switch src.sampleType {
        case .uint8: run(UInt8.self)
        case .int8: run(Int8.self)
        case .uint16: run(UInt16.self)
        case .int16: run(Int16.self)
        case .uint32: run(UInt32.self)
        case .int32: run(Int32.self)
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        }
    }
}
