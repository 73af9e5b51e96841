import Testing
@testable import GeoReferencing

@Suite struct CRSTests {
    @Test func utmFacts() throws {
        let c = try CRS(epsg: 32618)
        #expect(c.epsg == 32618)
        #expect(c.name == "WGS 84 / UTM zone 18N")
        #expect(c.isProjected && !c.isGeographic)
        #expect(c.linearUnitMetres == 1)
        #expect(c.axes.map(\.direction) == ["east", "north"])
        let area = try #require(c.areaOfUse)
        #expect(area.contains(lon: -75, lat: 10) && !area.contains(lon: -60, lat: 10))
    }

    @Test func geographicAxisOrderIsLatitudeFirst() throws {
        let c = try CRS(epsg: 4326)
        #expect(c.isGeographic && !c.isProjected)
        #expect(c.axes.map(\.direction) == ["north", "east"])
        #expect(c.linearUnitMetres == nil)
        // Transformers still give longitude first.
        let t = try CoordinateTransformer(from: c)
        let p = try t.forward(x: 10, y: 50)
        #expect(p.x == 10 && p.y == 50)
    }

    @Test func feetUnits() throws {
        let c = try CRS(epsg: 2227)  // NAD83 / California zone 3 (ftUS)
        #expect(abs((c.linearUnitMetres ?? 0) - 1200.0 / 3937.0) < 1e-12)
    }

    @Test func wktRoundTrips() throws {
        let c = try CRS(epsg: 32618)
        let w2 = try #require(c.wkt(.wkt2_2019))
        #expect(w2.hasPrefix("PROJCRS[\"WGS 84 / UTM zone 18N\""))
        #expect(w2.contains("ID[\"EPSG\",32618]"))
        let w1 = try #require(c.wkt(.wkt1GDAL))
        #expect(w1.hasPrefix("PROJCS[\"WGS 84 / UTM zone 18N\""))
        let back = try CRS(definition: w2)
        #expect(back.epsg == 32618 && back.name == c.name)
        #expect(try c.wkt == w1)
        #expect(c.wkt(.wkt1ESRI, multiline: false)?.contains("\n") == false)
        #expect(c.projString?.contains("+proj=utm") == true)
    }

    @Test func identifiesDefinitionWithoutIdentifier() throws {
        let c = try CRS(definition: "+proj=utm +zone=32 +datum=WGS84 +units=m +no_defs +type=crs")
        #expect(c.epsg == nil)
        #expect(c.identifyEPSG() == 32632)
    }

    @Test func compoundCRSHasProjectedHorizontalPart() throws {
        let c = try CRS(definition: "EPSG:32632+3855")
        #expect(c.isProjected)
        #expect(c.axes.map(\.direction) == ["east", "north"])
    }

    @Test(arguments: ["", "EPSG:999999", "not a crs", "+proj=nonsense", "PROJCRS[broken"])
    func invalidDefinitionsThrow(definition: String) {
        #expect(throws: GeoError.self) { try CRS(definition: definition) }
    }

    @Test func outsideDomainThrowsInsteadOfReturningInfinity() throws {
        let t = try CoordinateTransformer(from: try CRS(epsg: 3857))
        #expect(throws: GeoError.self) { try t.map(lon: 0, lat: 91) }
        #expect(throws: GeoError.self) { try t.lonLat(x: .nan, y: 0) }
        var xs = [0.0, 0.0], ys = [0.0, 1e30]
        let ok = t.transform(xs: &xs, ys: &ys)
        #expect(ok >= 1)
        #expect(xs[0] == 0 && ys[0] == 0)
    }
}
