/// TIFF tags libtiff's headers do not name (GeoTIFF's, registered by libgeotiff) and the
/// GeoKey IDs and values Alongside reads or writes. Numbers from the GeoTIFF 1.1 spec.
enum GeoTIFFTag {
    static let modelPixelScale: Int32 = 33550
    static let modelTiepoint: Int32 = 33922
    static let modelTransformation: Int32 = 34264
    static let geoKeyDirectory: Int32 = 34735
    static let gdalMetadata: Int32 = 42112
    static let gdalNoData: Int32 = 42113

    // GeoKeys
    static let gtModelType: Int32 = 1024
    static let gtRasterType: Int32 = 1025
    static let gtCitation: Int32 = 1026
    static let geographicType: Int32 = 2048
    static let geogCitation: Int32 = 2049
    static let pcsCitation: Int32 = 3073
    static let verticalCSType: Int32 = 4096
    static let projectedCSType: Int32 = 3072
    static let projLinearUnits: Int32 = 3076
    static let projection: Int32 = 3074

    // Values
    static let modelTypeProjected: UInt16 = 1
    static let modelTypeGeographic: UInt16 = 2
    static let rasterPixelIsArea: UInt16 = 1
    static let rasterPixelIsPoint: UInt16 = 2
    static let userDefined: UInt16 = 32767
    /// `ProjCoordTransGeoKey` value of Mercator.
    static let ctMercator: Int32 = 7
}
