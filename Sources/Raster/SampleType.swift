/// The numeric type of one sample, as stored in a file and kept in a ``PlaneBuffer``.
///
/// Sub-byte samples (1, 2, 4 bits) are expanded to ``uint8`` on read.
public enum SampleType: String, Sendable, CaseIterable, Codable {
    case uint8, int8, uint16, int16, uint32, int32, float32, float64

    /// Bytes per sample.
    public var byteCount: Int {
        switch self {
        case .uint8, .int8: 1
        case .uint16, .int16: 2
        case .uint32, .int32, .float32: 4
        case .float64: 8
        }
    }

    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }
    public var isSigned: Bool { self == .int8 || self == .int16 || self == .int32 || isFloatingPoint }

    /// The name `gdalinfo` prints for this type (GDAL 3.6: signed bytes are `Byte`
    /// with `PIXELTYPE=SIGNEDBYTE`; GDAL ≥ 3.7 says `Int8`).
    public var gdalName: String {
        switch self {
        case .uint8: "Byte"
        case .int8: "Int8"
        case .uint16: "UInt16"
        case .int16: "Int16"
        case .uint32: "UInt32"
        case .int32: "Int32"
        case .float32: "Float32"
        case .float64: "Float64"
        }
    }

    /// The type that holds `bits`-wide samples of the given TIFF SampleFormat
    /// (1 = unsigned, 2 = signed, 3 = IEEE float), or nil if there is none.
    public static func forBits(_ bits: Int, signed: Bool, float: Bool) -> SampleType? {
        if float {
            switch bits {
            case 32: return .float32
            case 64: return .float64
            default: return nil
            }
        }
        switch bits {
        case 1...8: return signed && bits == 8 ? .int8 : .uint8
        case 9...16: return signed && bits == 16 ? .int16 : .uint16
        case 17...32: return signed && bits == 32 ? .int32 : .uint32
        default: return nil
        }
    }
}

/// A Swift type that can be a sample of a ``PlaneBuffer``.
public protocol RasterSample: SIMDScalar, Sendable {
    static var sampleType: SampleType { get }
    /// Exact for integers up to 2²⁴; rounded to nearest otherwise.
    var floatValue: Float { get }
    var doubleValue: Double { get }
}

extension UInt8: RasterSample {
    public static var sampleType: SampleType { .uint8 }
    @inlinable public var floatValue: Float { Float(self) }
    @inlinable public var doubleValue: Double { Double(self) }
}
extension Int8: RasterSample {
    public static var sampleType: SampleType { .int8 }
    @inlinable public var floatValue: Float { Float(self) }
    @inlinable public var doubleValue: Double { Double(self) }
}
extension UInt16: RasterSample {
    public static var sampleType: SampleType { .uint16 }
    @inlinable public var floatValue: Float { Float(self) }
    @inlinable public var doubleValue: Double { Double(self) }
}
extension Int16: RasterSample {
    public static var sampleType: SampleType { .int16 }
    @inlinable public var floatValue: Float { Float(self) }
    @inlinable public var doubleValue: Double { Double(self) }
}
extension UInt32: RasterSample {
    public static var sampleType: SampleType { .uint32 }
    @inlinable public var floatValue: Float { Float(self) }
    @inlinable public var doubleValue: Double { Double(self) }
}
extension Int32: RasterSample {
    public static var sampleType: SampleType { .int32 }
    @inlinable public var floatValue: Float { Float(self) }
    @inlinable public var doubleValue: Double { Double(self) }
}
extension Float: RasterSample {
    public static var sampleType: SampleType { .float32 }
    @inlinable public var floatValue: Float { self }
    @inlinable public var doubleValue: Double { Double(self) }
}
extension Double: RasterSample {
    public static var sampleType: SampleType { .float64 }
    @inlinable public var floatValue: Float { Float(self) }
    @inlinable public var doubleValue: Double { self }
}
