import Captures
import Foundation
import GeoReferencing
import Raster

/// Every opened ``Capture`` (raster, band-file list, STAC item) is a pipeline input.
extension Capture: CaptureSource {
    public var bandCount: Int { bands.count }
    public var georeference: GeoReference? { geoReference }
    public func sampleType(band: Int) -> SampleType { bands[band].info.sampleType }
    public func band(role: String) -> Int? { bandIndex(role: role) }
    public func readBand(_ band: Int, window: Window, into: PlaneBuffer, valid: PlaneBuffer) throws {
        try read(band: band, window: window, into: into, valid: valid)
    }
}
