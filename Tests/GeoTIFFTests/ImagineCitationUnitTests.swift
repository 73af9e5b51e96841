import Testing
@testable import GeoTIFF

/// The linear unit of an ERDAS IMAGINE citation, read as GDAL's gt_citation.cpp reads it.
@Suite struct ImagineCitationUnitTests {
    @Test func internationalFeetInMixedCase() throws {
        let text = "IMAGINE GeoTIFF Support\nCopyright\n@(#)$RCSfile: egtf.c $\nProjection Name = X\nUnits = international_FeeT\nGeoTIFF Units = international_FeeT"
        let (name, factor) = try #require(imagineCitationUnit(text))
        #expect(name == "international_FeeT")
        #expect(factor == 0.3048)
    }

    @Test func usSurveyFeetAndMetres() throws {
        #expect(imagineCitationUnit("IMAGINE GeoTIFF Support\nUnits = us_survey_feet")?.1 == 0.3048006096012192)
        #expect(imagineCitationUnit("IMAGINE GeoTIFF Support\nUnits = meters")?.1 == 1)
    }

    @Test func otherCitationsAndUnknownUnitsGiveNothing() {
        #expect(imagineCitationUnit("NAD83 / Oregon North\nUnits = feet") == nil)
        #expect(imagineCitationUnit("IMAGINE GeoTIFF Support\nUnits = furlongs") == nil)
        #expect(imagineCitationUnit("IMAGINE GeoTIFF Support") == nil)
    }
}
